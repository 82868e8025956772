"""The soak run behind scripts/soak: standard library only."""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

minutes = float(sys.argv[1])
server_bin, content = sys.argv[2], sys.argv[3]

work = tempfile.mkdtemp(prefix="local-offer-soak-")
dist = os.path.join(work, "dist")
os.makedirs(dist)
with open(os.path.join(dist, "index.html"), "w") as f:
    f.write("<!doctype html><title>soak</title>")
shutil.copytree(content, os.path.join(work, "content"))
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
env = dict(os.environ, DATABASE_URL=f"sqlite://{work}/soak.db", MESSAGES_PER_MINUTE="0",
           MESSAGES_BURST="0", RUST_LOG="warn")
password = "soak test passphrase only"
subprocess.run([server_bin, "staff", "add", "soak@example.gov.uk", "--name", "Soak", "--role",
                "manager", "--password-stdin"], input=password + "\n", text=True, env=env,
               check=True, capture_output=True)
server = subprocess.Popen([server_bin, "serve", "--port", str(port), "--dist", dist,
                           "--content", os.path.join(work, "content")], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res, data


for _ in range(100):
    try:
        if request("GET", "/api/health")[0].status == 200:
            break
    except OSError:
        time.sleep(0.1)


def sample():
    with open(f"/proc/{server.pid}/status") as f:
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
    fds = len(os.listdir(f"/proc/{server.pid}/fd"))
    return rss, fds


def sign_in():
    res, page = request("GET", "/staff/sign-in")
    cookie = res.getheader("set-cookie").split(";")[0]
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    body = f"csrf={csrf}&email=soak%40example.gov.uk&password={password.replace(' ', '+')}"
    res, _ = request("POST", "/staff/sign-in", body, {
        "Cookie": cookie, "Origin": f"http://127.0.0.1:{port}",
        "Content-Type": "application/x-www-form-urlencoded"})
    assert res.status == 303, res.status
    return res.getheader("set-cookie").split(";")[0]


counts = {"offer": 0, "offer-304": 0, "message": 0, "status": 0, "staff": 0}
errors = []
lock = threading.Lock()
stop = time.time() + minutes * 60
etag = request("GET", "/api/offer")[0].getheader("etag")


# SOAK_MIX=offer sends only offer requests (to tell a leak from growth with the data).
ONLY_OFFER = os.environ.get("SOAK_MIX") == "offer"


def worker(n):
    if ONLY_OFFER and n < 2:
        n += 2
    cookie = sign_in() if n == 0 else None
    sent = []
    while time.time() < stop:
        try:
            if n == 0:
                for path in ["/staff", "/staff?status=new", "/staff/audit"]:
                    res, _ = request("GET", path, headers={"Cookie": cookie})
                    if res.status != 200:
                        raise RuntimeError(f"{path}: {res.status}")
                    with lock:
                        counts["staff"] += 1
                time.sleep(0.2)
            elif n == 1:
                message = {"id": str(uuid.uuid4()), "created_at": "2026-11-23T10:00:00Z",
                           "kind": "feedback", "about": "app", "rating": 4, "text": "soak " * 20}
                res, _ = request("POST", "/api/messages", json.dumps(message),
                                 {"Content-Type": "application/json"})
                if res.status != 201:
                    raise RuntimeError(f"POST /api/messages: {res.status}")
                sent.append(message["id"])
                res, _ = request("GET", f"/api/messages/{sent[-1]}")
                with lock:
                    counts["message"] += 1
                    counts["status"] += 1
                time.sleep(0.1)
            else:
                headers = {"If-None-Match": etag} if n % 2 == 0 else {}
                res, _ = request("GET", "/api/offer", headers=headers)
                if res.status not in (200, 304):
                    raise RuntimeError(f"GET /api/offer: {res.status}")
                with lock:
                    counts["offer-304" if res.status == 304 else "offer"] += 1
        except Exception as error:  # every error is reported, none stops the run
            with lock:
                errors.append(f"{time.strftime('%H:%M:%S')} worker {n}: {error}")
            time.sleep(0.5)


start = sample()
print(f"soak: {minutes:g} minutes on 127.0.0.1:{port}, pid {server.pid}")
print(f"start:          rss {start[0]:>7} kB   fds {start[1]:>4}")
threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(6)]
for t in threads:
    t.start()
time.sleep(min(60, minutes * 60 / 2))
settled = sample()
print(f"after 1 minute: rss {settled[0]:>7} kB   fds {settled[1]:>4}")
while time.time() < stop:
    time.sleep(5)
for t in threads:
    t.join(timeout=40)
end = sample()
print(f"end:            rss {end[0]:>7} kB   fds {end[1]:>4}")
total = sum(counts.values())
print("requests: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" (total {total}, {total / (minutes * 60):.0f}/s)")
print(f"errors: {len(errors)}")
for e in errors[:50]:
    print("  " + e)
server.terminate()
server.wait(timeout=30)
shutil.rmtree(work, ignore_errors=True)
ok_rss = end[0] <= settled[0] * 1.10
ok_fds = end[1] <= settled[1] * 1.10
print(f"memory {'within' if ok_rss else 'MORE than'} 10% of the first minute ({(end[0] - settled[0]) * 100 / settled[0]:+.1f}%), "
      f"descriptors {'within' if ok_fds else 'MORE than'} 10% ({(end[1] - settled[1]) * 100 / settled[1]:+.1f}%)")
sys.exit(0 if ok_rss and ok_fds and not errors else 1)
