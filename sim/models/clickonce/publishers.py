"""The project's test publishers: keys and certificates to sign the gallery's apps with.

Published on purpose, for tests and the gallery only: anyone can sign with these keys, so no
machine should trust them outside the simulator. Generated once with ``cryptography``
(RSA 2048, SHA-256 certificates valid 2020-01-01 to 2049-12-31) and kept here so that a
publish is the same bytes every time (RSA PKCS#1 v1.5 signatures are deterministic).

- ``CN=Contoso Ltd, O=Contoso Ltd``: a code-signing certificate issued by ``CN=Contoso
  Test Root CA, O=Contoso Ltd``; the manifests carry both, as a CA-issued publisher's do.
- ``CN=DEVBOX\\developer``: a self-signed certificate, like the temporary key Visual Studio
  makes for a first publish ("test cert",
  https://learn.microsoft.com/visualstudio/deployment/clickonce-and-authenticode).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sim.models.clickonce.sign import Signer

__all__ = ["CONTOSO", "DEVBOX", "signer_for"]

CONTOSO: Final = "CN=Contoso Ltd"
DEVBOX: Final = "CN=DEVBOX\\developer"

_CA_CERT: Final = (
    "MIIC/DCCAeSgAwIBAgICAcAwDQYJKoZIhvcNAQELBQAwNTEUMBIGA1UECgwLQ29udG9zbyBMdGQx"
    "HTAbBgNVBAMMFENvbnRvc28gVGVzdCBSb290IENBMB4XDTIwMDEwMTAwMDAwMFoXDTQ5MTIzMTIz"
    "NTk1OVowNTEUMBIGA1UECgwLQ29udG9zbyBMdGQxHTAbBgNVBAMMFENvbnRvc28gVGVzdCBSb290"
    "IENBMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvTFjhtoEu5ZnIXArgSNmy7XqjyDF"
    "GqlgBSkAODWNOB2dgXYRgCj0B5yjTiqFLsBLgJgSVQkNhr9pw+EI6DFL91R/Xux6+SUk3KaOGPf2"
    "+qSHTUHRAgnO7J336CGHxf/JQHzj16tUknKR2sC8kfLTk5NrE5ambB/2iTFe7n7AHHtwx7cXQ6B+"
    "MjdXQ863MwTQvaYCIcvKlQP1T2nYksdKmUZx3/62ueY+45ECIsQ2DTPeKxohMc+kWLixOxoC9DST"
    "qh1yjj44c5KNfMqYCOlQ1B09UZqk9HxAYc/I8Sq9D2tiIKLI9GitYsLVr46QtW+00lzMigQFniBL"
    "yOlVt3W81QIDAQABoxYwFDASBgNVHRMBAf8ECDAGAQH/AgEAMA0GCSqGSIb3DQEBCwUAA4IBAQCa"
    "X/mzTVAtNok3ApLXbPtdWSz8PsDrVeLMWU+SHrBs0NGCWmT93q+pu/WU6FLRhJUZ3dL7c02W1cZo"
    "pWyNBrhe9PxkjsWae/rjqe+SZNw4h8rdwhioImQ8S4GgvwG7b5RJwmQBXN/UJjPD1qwcWPwN/16u"
    "bfxaMFmcUPPxK0y+2dqA9PTKWbjQ1rQPvIA+I92HOi1QL+eUgMYxDgrji1HaPd2J3xLaBmbICPn1"
    "lNV3wIg3rZas4zsZuft4/SwVxO5YeuM+boGOuy6ewHIEFPrc4oiTnT6KXoPO6KlfpYxIYWPX1+Qd"
    "Ik+QwsG35WYJhPHK995h1zSBOGcbfohBkcv0"
)

_CONTOSO_CERT: Final = (
    "MIIDAjCCAeqgAwIBAgICAcEwDQYJKoZIhvcNAQELBQAwNTEUMBIGA1UECgwLQ29udG9zbyBMdGQx"
    "HTAbBgNVBAMMFENvbnRvc28gVGVzdCBSb290IENBMB4XDTIwMDEwMTAwMDAwMFoXDTQ5MTIzMTIz"
    "NTk1OVowLDEUMBIGA1UECgwLQ29udG9zbyBMdGQxFDASBgNVBAMMC0NvbnRvc28gTHRkMIIBIjAN"
    "BgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoYy2Uwlt6mztEX2uGpgNZ/aDC2OUVEEHULHaVu0M"
    "haVTEC9OJ7QFxvmZkBCgGUXwHFx5wgYsrqpankxpecfcqCNJdfm+PM6IGRvpaZsfh3aW3Kf0e1/k"
    "XPNjYnV8KLGb5l8vLwlk7TWKr8aVyw3VehBrWSKH8vMw3oJhMvd4URG9WNxJwRShbawW62R6XeTk"
    "ac91U1u3WRGY0ZcMRDKJPcUyOHUZbMmtIjJ7A8fjgJayWrhz7jHGjDVXEByVZn7yvVxMe7o0k9IA"
    "niKCXiOtJRXWu1BGaBUlZy0rLsLL7LtrLzLH0/yRP1r7Xi2TumZn22eyaY8bKM/NPtKsu08B1wID"
    "AQABoyUwIzAMBgNVHRMBAf8EAjAAMBMGA1UdJQQMMAoGCCsGAQUFBwMDMA0GCSqGSIb3DQEBCwUA"
    "A4IBAQBXDg9zuK/XjswV9J/qtPzQ61Ws+gOwGzhqXcF24LpVh1p4hBacZiwjrmN5Srs2X1dhZXL/"
    "9vX/qyuEl7PJUoEMmuGgNjvFl1AhlDuIP+XIhbH+s4OUpBGzwwiT9p3FE6q+Escqhd7ZJKGQ7DZL"
    "cRv5CFJQDCtyxhoftslICpNS9pOeUCd/dFTlmajKpvDOOsTVGLW/qaa7q+YfV7B7xABRdCaigIZi"
    "ekqPPegeC5czBJgA0/JmKSmNJPZCAO4WOYa/xqLG2IPbgjTXA1JawFFnXUNIEjxnsTTIouvVB1rx"
    "wG0hYLBC9RWaXqV8f3a66GdIsXxGQvvVn4s7m4gZyGYa"
)

_CONTOSO_KEY: Final = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQChjLZTCW3qbO0R\n"
    "fa4amA1n9oMLY5RUQQdQsdpW7QyFpVMQL04ntAXG+ZmQEKAZRfAcXHnCBiyuqlqe\n"
    "TGl5x9yoI0l1+b48zogZG+lpmx+Hdpbcp/R7X+Rc82NidXwosZvmXy8vCWTtNYqv\n"
    "xpXLDdV6EGtZIofy8zDegmEy93hREb1Y3EnBFKFtrBbrZHpd5ORpz3VTW7dZEZjR\n"
    "lwxEMok9xTI4dRlsya0iMnsDx+OAlrJauHPuMcaMNVcQHJVmfvK9XEx7ujST0gCe\n"
    "IoJeI60lFda7UEZoFSVnLSsuwsvsu2svMsfT/JE/WvteLZO6ZmfbZ7Jpjxsoz80+\n"
    "0qy7TwHXAgMBAAECggEADl4/qGf/dNOmTCFzoYg3h7EW8Prff5TfC9rIUrs3m2Vb\n"
    "sLtRsK9Oujvgir3Sd3JPIOlKp6qOlnmuoJim4ulsjdnBmAgT1ur+6M4g4ZR7O+by\n"
    "E62ueBChyhtC53K6jbtU5IA/vT0RKGspgBO3UT1+6KHa4lfIuUokOmNki2No5JDS\n"
    "lyUpTZBhxlJrhyEbIUaz20sYqlwze2UsXexPe3QbMufjI5le3ZCR7ezjm8w3AInX\n"
    "Psf5O9cDoCQzV7MBUMcKLcQJ94ypQsGCLvSpRNJ9IiB0tVCiHjk9FqT0ygnBVRl6\n"
    "xaGsdMl+sOq95Dl+nm3DseqNtfA1zZlkEuOzgR3IhQKBgQDZbHlh4AWcavQ5Ij+k\n"
    "84bMC/IK1QIdQ+JoASS/2Vikn53i63L0nvpxVhCp1TeJUiWA698+teZ017ZZ9V7w\n"
    "Cd4q/829CUj3jmI2guEFu3+wYoj5DdOR2ka3dg5P5EiHPHgY9v8oY5vSDJA8rtIL\n"
    "2xl2s0J3piLQZ0Lr5qeziNGgowKBgQC+NmbafuenGgBveN/8UZyQoiH2LoZRp7U6\n"
    "peNOysZks5FhhU44rE8bEfcEF1SyQEQJ4qei+7Bdclxb2cpYaruLOHEQv/Ct7XHb\n"
    "Ordkz0YF+H6GrtsIathoT4fzqMOCioAYze7qAGR1gzRSQ30bWa4o8QAzIuhecL6P\n"
    "c4om39IJPQKBgQDYWU0rbFyI+hBM7dyAyea/Eb/msXCqKEuZDFJCKQdAwKe+DmXU\n"
    "LoGs12Q7arQZi8lP0OXTI/PPHnsQZs3ycw9EoEhcK2oVE/R8o51ANAPqQxJjKTP2\n"
    "tUma8vlo3BKjpzMmPFlIGl4KFIBOMfNG4t0itVuVbZbE44u+60TCrIlTmwKBgDTK\n"
    "in9Hy2lQSSCnDptL10U5Cm31+ad+AUl2swCyPJ/ESqwjQFNwV0AvGzyScRpLxdZs\n"
    "hpQwgIFe9Q01A/jIHqcEEjVQ4C6VgQ0UXcPn1wpfLlaY/wd2B/vjXtscUq7PW8AG\n"
    "n7FoTHlk4ceXHYjSugh44tJOdOmJJwpPSd+CLRwNAoGAJgaWb5iB28U9wBnFJ6vx\n"
    "b3ISCQiEg/28ZI/XeApJSaHvAR7V5mBfDIItkZxgcGJR4JQpr5TnYCh1lp/PmemW\n"
    "Y184T/EUL5IlUW/MwsdjOtANzAefg/VQHJqd5y60nMODWIqttKNtYeiXW6P6Cysp\n"
    "UczIFNs9D/EtcZH6eNaasTk=\n"
    "-----END PRIVATE KEY-----\n"
)

_DEVBOX_CERT: Final = (
    "MIICyTCCAbGgAwIBAgICAcIwDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQREVWQk9YXGRldmVs"
    "b3BlcjAeFw0yMDAxMDEwMDAwMDBaFw00OTEyMzEyMzU5NTlaMBsxGTAXBgNVBAMMEERFVkJPWFxk"
    "ZXZlbG9wZXIwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCi8wxHB45HuwgY3t6beQES"
    "ES54fFfYN4S+mKP1Z3MmeOqQ+CPsMH1+ra8MJ1NqOqoWOENY29PPw3wMHysbpdcJr3MUUoLFEGte"
    "blriI4zVAxxWM1hI1bI6dD08PuHFeIoZm0vLidCRktMKTfOpLtrGNS3ivABCMk9chq1n2LzjloSS"
    "ZP8oNYSeXm4imVS34grNUEsYhNObiUn9SkmwLhB4t84On0dY1aIDAHtKBgasVzeq1pqak9imh9ns"
    "Bzex6TcPZ0bY86oYFrRu3QmIR/Pp9YAKJfN8K67vICxOk6d9cf4qQAmSSqgSVeu+38r+st+LVulz"
    "KpMb72ffDw0Bt97bAgMBAAGjFzAVMBMGA1UdJQQMMAoGCCsGAQUFBwMDMA0GCSqGSIb3DQEBCwUA"
    "A4IBAQBSnaybettubperiq6YM9LcGpapL/DOcHYuaJVp/c1qOGBr9h1ErPTWnHM379jiXWQX1Lmq"
    "QAU/WJy89KJtk4Z2KZVDW6FsUsHgVKmo/6M1Gue/JAycELTLmPFloMGIHGZUxiZ4o0i4oHbPXAa7"
    "gH0J2VcLE2OSJ34ix6whoAfRfqO037jzD01NGdILeXQs7dwIgv3MjbM0bxorxBziezlUQ6qsu+Ad"
    "OBqtBUC/rkOM7dn0Z0HZS1feGUWoC3PTYg4lzZDkVRB31lk9gjzW5R3d8AWbZYyewVIoditcn6vU"
    "pYKZ9DyYmdyYJmGAaVQRxWln02o75lXsufKmdIxrEUBP"
)

_DEVBOX_KEY: Final = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCi8wxHB45HuwgY\n"
    "3t6beQESES54fFfYN4S+mKP1Z3MmeOqQ+CPsMH1+ra8MJ1NqOqoWOENY29PPw3wM\n"
    "HysbpdcJr3MUUoLFEGteblriI4zVAxxWM1hI1bI6dD08PuHFeIoZm0vLidCRktMK\n"
    "TfOpLtrGNS3ivABCMk9chq1n2LzjloSSZP8oNYSeXm4imVS34grNUEsYhNObiUn9\n"
    "SkmwLhB4t84On0dY1aIDAHtKBgasVzeq1pqak9imh9nsBzex6TcPZ0bY86oYFrRu\n"
    "3QmIR/Pp9YAKJfN8K67vICxOk6d9cf4qQAmSSqgSVeu+38r+st+LVulzKpMb72ff\n"
    "Dw0Bt97bAgMBAAECggEAAcL35IKv5pWeikpKhMrDmLLn2jSZ7IP5IuhaiWojZAyV\n"
    "mJieJs0FZkuxY0O/kpvsv82+6KSDvzDBVA44NJXP49JqP5N+x2uchYpS4DP7L0hX\n"
    "05S9hRgOU7Ry/wY9AZoCgDFeGea1AwXf0zIxiqgvhEoJ43Qd2plZo0nvcPp2XE19\n"
    "WeS8v9apKby5Iby+g7JD45zFM8kjb76BT4/tDfEReNzxruZ04JpYwh/GYTKlFt5N\n"
    "esq2lLzCUkrmcVu6JXuF0KvTVYNBoemFM7Lz+UqGRkmajaCwZUjsoeqs9Qm1rEED\n"
    "MtZ6PjTU0qgyOFE3C6Edsv67EAgGYZimf6A30av6nQKBgQDM2ad8u+YBY9aLogqM\n"
    "rbN82lA6HZYdrHrv9TCEDSI8T//aHMfHcugCIvx0vBMwiWOGuDbks8b5AuNSAIzF\n"
    "lN+m2bH3hmnvZm9pAXS+999EYBM8S4zqe+pEHcGi8ncZz1O1ENwGgRK9+DM858Dl\n"
    "H8uOUIHoY+jTU/zwCpdnC2noBQKBgQDLowdZYpZVBAL2wDIw2JQ8sedh5av3Mhpv\n"
    "r9n0qD25FZk5Me1Cc3zCkq4HSXfhsbcLEItXbreIuLNCoeMMUv6dsIIuI4hpg+P0\n"
    "z3OcUP8nkSeEKGEFZaw4G9825nB8WYA45MEGQLS+BkFwr/Cynlkyehbs6UkwHB/2\n"
    "A4rRirPBXwKBgHcWNSLzTOQT+T6VhhKATG7Rr4AJgSJhCdsDrB+oTvXHABL5Vj6h\n"
    "kzTix+bJC1LVG/HOl8LerFZIkoQyY6PdRyOFPMuL7XvKDgx6VzdJfBcQzz3nIdWT\n"
    "Ef5lWhNzZz+u4pfJZE+3q4CakJbgl6fbkwd5z/ucUVbBZbLaRWgXH4tNAoGACHE4\n"
    "08bXjqy85rfvHMFN2/pQKmnYKEZmfCzhL1huPqcblBhyyqd5C6QDHQA5vRyeBxJn\n"
    "hHdtmnh1zhRiEle6gJUZwInulNlH8RVMqLVe7qgA6GS4KP4fFrBpH6CMF0uqmjE5\n"
    "o2W5WItv2RkiNHWGIyaWnrnJM/pmhM9+yNMkQqcCgYAiIw0S466s8kavPtGdJtvM\n"
    "7X5BljmuP0FzdCexQjdyxU/4nIGEzKTYBJp6FTiec8wUJsyW/NLHYd5Nb4utE6F7\n"
    "+Hth0TNZchO1hvoqCZJfypmvvpLDnWydNg7D5ws4MLA8wmjgyPS4dZ94MOSwgrvj\n"
    "P9EEGnHGRNj36PsxFvvnsg==\n"
    "-----END PRIVATE KEY-----\n"
)

_KEYS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    CONTOSO: (_CONTOSO_KEY, (_CONTOSO_CERT, _CA_CERT)),
    DEVBOX: (_DEVBOX_KEY, (_DEVBOX_CERT,)),
}
_CACHE: dict[str, Signer] = {}


def signer_for(name: str) -> Signer:
    """The test publisher ``name`` (:data:`CONTOSO` or :data:`DEVBOX`).

    Raises:
        KeyError: for another name.
    """
    if name not in _CACHE:
        key, chain = _KEYS[name]
        _CACHE[name] = Signer.from_pem(key, chain)
    return _CACHE[name]
