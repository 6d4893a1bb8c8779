package demo.mesh.system;

import demo.mesh.system.TrafficSample.Call;

import java.util.List;

/**
 * Calls made across an event ({@link TrafficSample#across}).
 *
 * @param began  when the event started, on {@link System#nanoTime()}
 * @param ended  when it returned
 * @param result what it returned
 */
record Disruption<T>(List<Call> calls, long began, long ended, T result) {
    /** The calls answered or failed before the event began. */
    List<Call> endedBefore() {
        return calls.stream().filter(call -> call.ended() < began).toList();
    }

    /** The calls started before the event and not yet answered when it began. */
    List<Call> inFlightAtStart() {
        return calls.stream().filter(call -> call.inFlightAt(began)).toList();
    }

    /** The calls started after the event returned. */
    List<Call> startedAfter() {
        return calls.stream().filter(call -> call.started() > ended).toList();
    }

    List<Call> failed() {
        return calls.stream().filter(call -> !call.answered()).toList();
    }
}

