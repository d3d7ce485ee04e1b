"""Seeds a server with TASKS tasks for each user of TOKENS_FILE, through its API.

Usage: seed.py BASE_URL TOKENS_FILE TASKS OUT_FILE
OUT_FILE lines: "user_id token id,id,..." for the wrk scenarios.
"""
import json
import sys
import urllib.request

base, tokens_file, tasks, out_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
WORDS = ["Buy milk", "Call the bank", "Write report", "Water plants", "Book flights"]

with open(tokens_file) as f:
    lines = f.read().split("\n")[1:]
with open(out_file, "w") as out:
    for line in filter(None, lines):
        user, token = line.split(" ")
        ids = []
        for n in range(tasks):
            body = json.dumps({"title": f"{WORDS[n % len(WORDS)]} #{n}", "description": "seeded"}).encode()
            request = urllib.request.Request(
                f"{base}/api/{user}/tasks", data=body, method="POST",
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request) as response:
                ids.append(str(json.load(response)["id"]))
        out.write(f"{user} {token} {','.join(ids)}\n")
