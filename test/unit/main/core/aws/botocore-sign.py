"""Sign requests with Debian's botocore, the reference for SigV4 as AWS's own Python SDK computes it.

Reads a JSON list of cases on stdin and writes a JSON list of answers on stdout, in the same order:
  in:  {method, url, headers: [[name, value], ...], body, service, region, time: YYYYMMDDTHHMMSSZ,
        credentials: {accessKeyId, secretAccessKey, sessionToken?}}
  out: {canonicalRequest, stringToSign, authorization}
argv[1] is the comma-separated list of signing names that botocore signs with S3SigV4Auth (the S3 family, from
shared/service-guess.ts, so that list has one home). It runs SigV4Auth.add_auth step by step only to pin the
signing time; every step is botocore's own method.
"""
import json
import sys

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case, s3_family):
    creds = case['credentials']
    credentials = Credentials(creds['accessKeyId'], creds['secretAccessKey'], creds.get('sessionToken'))
    request = AWSRequest(method=case['method'], url=case['url'], data=case.get('body', '').encode('utf-8'))
    for name, value in case['headers']:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    auth_class = S3SigV4Auth if case['service'] in s3_family else SigV4Auth
    auth = auth_class(credentials, case['service'], case['region'])
    request.context['timestamp'] = case['time']
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    signature = auth.signature(string_to_sign, request)
    auth._inject_signature_to_request(request, signature)
    return {
        'canonicalRequest': canonical,
        'stringToSign': string_to_sign,
        'authorization': request.headers['Authorization'],
    }


def main():
    s3_family = set(sys.argv[1].split(','))
    cases = json.load(sys.stdin)
    json.dump([sign(case, s3_family) for case in cases], sys.stdout)


if __name__ == '__main__':
    main()
