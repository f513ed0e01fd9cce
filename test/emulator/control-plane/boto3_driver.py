"""Drive boto3 (Debian's, run with /usr/bin/python3) against the emulator for its tests.

stdin: {"endpoint": URL, "region": R, "calls": [{"service", "op", "params", "config"?}]}; credentials come
from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), never argv.
stdout: one JSON list, per call {"ok": response} or {"error": {"code", "message", "status", "attempts"}}.
Bytes travel as {"__bytes_b64": "..."} both ways; timestamps as ISO 8601. Nothing here interprets the
answers: boto3's own parsers do, which is the point.
"""
import base64
import datetime
import json
import sys

import boto3
import botocore.config
import botocore.exceptions


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"__bytes_b64"}:
            return base64.b64decode(value["__bytes_b64"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes_b64": base64.b64encode(value).decode()}
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def main():
    request = json.load(sys.stdin)
    session = boto3.session.Session(region_name=request["region"])
    results = []
    for call in request["calls"]:
        config = botocore.config.Config(**call.get("config", {}))
        client = session.client(call["service"], endpoint_url=request["endpoint"], config=config)
        try:
            answer = getattr(client, call["op"])(**decode(call.get("params", {})))
            results.append({"ok": encode(answer)})
        except botocore.exceptions.ClientError as e:
            meta = e.response.get("ResponseMetadata", {})
            results.append(
                {
                    "error": {
                        "code": e.response.get("Error", {}).get("Code"),
                        "message": e.response.get("Error", {}).get("Message"),
                        "status": meta.get("HTTPStatusCode"),
                        "attempts": meta.get("RetryAttempts", 0) + 1,
                    }
                }
            )
    json.dump(results, sys.stdout)


main()
