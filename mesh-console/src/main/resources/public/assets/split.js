// Keeping a split's numbers summing to 100 while one of them is being moved.

export const TOTAL = 100;

/**
 * Sets weights[index] to value and takes the difference from the other destinations, last first, so a two-way
 * split moves like a see-saw and a three-way split keeps its first destinations as long as it can.
 */
export function rebalance(weights, index, value) {
  const next = weights.slice();
  next[index] = value;
  let excess = next.reduce((a, b) => a + b, 0) - TOTAL;
  for (let i = next.length - 1; i >= 0 && excess !== 0; i--) {
    if (i === index) continue;
    const adjusted = Math.min(TOTAL, Math.max(0, next[i] - excess));
    excess -= next[i] - adjusted;
    next[i] = adjusted;
  }
  return next;
}

/** A preset "a,b" puts a on the first destination, b on the second, 0 on the rest. */
export function preset(count, spec) {
  const [first, second] = spec.split(',').map(Number);
  return Array.from({ length: count }, (_, i) => (i === 0 ? first : i === 1 ? second : 0));
}

/** A weight as typed: a whole number from 0 to 100, or null when it is anything else. */
export function wholePercent(text) {
  return /^\d{1,3}$/.test(text) && Number(text) <= TOTAL ? Number(text) : null;
}

export const describe = (destinations) => destinations.map((d) => `${d.subset ?? d.host}=${d.weight}`).join(' ');
