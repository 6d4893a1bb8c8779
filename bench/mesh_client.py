"""What the bench probes share (python3, standard library only): the console's REST API signed in as the page
is, a paced load through access-app, logic-app's fault switch, and percentiles."""
import http.cookiejar
import json
import time
import urllib.error
import urllib.request

ROUTE = "/api/routes/mesh-demo/logic-app"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(len(ordered) * p + 0.999999) - 1))]


def get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


class Console:
    """One console, with the session cookie and CSRF token a sign-in gives."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def sign_in(self, username, password_file):
        with open(password_file) as f:
            self.send("POST", "/login", {"username": username, "password": f.read().strip()})

    def get(self, path):
        return get_json(self.base + path)

    def send(self, method, path, body):
        request = urllib.request.Request(self.base + path, method=method, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        token = next((c.value for c in self.jar if c.name == "mesh-console-csrf"), None)
        if token:
            request.add_header("X-CSRF-TOKEN", token)
        with self.opener.open(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def shift(self, weights):
        version = self.get(ROUTE)["resourceVersion"]
        return self.send("PUT", ROUTE, {"weights": weights, "resourceVersion": version})


def load(access, rate, stop, deadline, counts):
    """Calls access-app RATE times a second on a fixed schedule until stopped or past the deadline."""
    interval = 1.0 / rate
    due = time.monotonic()
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(access + "/api/hello?name=bench", timeout=5) as response:
                response.read()
            counts["ok"] += 1
        except (urllib.error.URLError, OSError):
            counts["failed"] += 1
        due += interval
        time.sleep(max(0.0, due - time.monotonic()))


def set_fault(url, rate):
    request = urllib.request.Request(url + "/fault", method="PUT", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"errorRate": rate}).encode())
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
