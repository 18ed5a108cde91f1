# ruff: noqa: E501  (Kratos example hashes are long literals)
"""One-off generator of ``hashes.json``: known answers made by reference implementations.

Run ``.venv/bin/python tests/vectors/make_hash_vectors.py`` to regenerate (salts are random,
so the strings change; commit the result). Nothing here imports ``kratos_auth``: every string
comes from argon2-cffi, bcrypt, hashlib, cryptography, glibc's crypt(3) via the deprecated
``crypt`` module, or Django's own hashers. The ``kratos`` section holds example strings from
Kratos's own test suite (``hash/hasher_test.go``), copied as data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import warnings
from pathlib import Path

import bcrypt
from argon2.low_level import Type, hash_secret
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PASSWORDS = ["test", "correct horse battery staple", "pässwörd 🔑", "", "x" * 72]
OUT = Path(__file__).with_name("hashes.json")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def raw64(raw: bytes) -> str:
    return b64(raw).rstrip("=")


def argon2_vectors(pw: bytes) -> list[tuple[str, str]]:
    out = []
    shapes = ((16, 32, 64, 1, 1), (8, 16, 256, 3, 4), (32, 64, 96, 2, 2))
    for kind in (Type.ID, Type.I):
        for salt_len, key_len, m, t, p in shapes:
            encoded = hash_secret(pw, os.urandom(salt_len), t, m, p, key_len, kind).decode()
            out.append(("argon2", encoded))
    return out


def bcrypt_vectors(pw: bytes) -> list[tuple[str, str]]:
    return [
        ("bcrypt", bcrypt.hashpw(pw, bcrypt.gensalt(4, prefix=b"2a")).decode()),
        ("bcrypt", bcrypt.hashpw(pw, bcrypt.gensalt(5, prefix=b"2b")).decode()),
    ]


def pbkdf2_vectors(pw: bytes) -> list[tuple[str, str]]:
    out = []
    names = {"sha1": "sha1", "sha224": "sha3_224", "sha256": "sha256", "sha384": "sha3_384"}
    names |= {"sha512": "sha512"}
    for label, digest in names.items():
        salt = os.urandom(16)
        key = hashlib.pbkdf2_hmac(digest, pw, salt, 1000, 32)
        out.append(("pbkdf2", f"$pbkdf2-{label}$i=1000,l=32${raw64(salt)}${raw64(key)}"))
    return out


def scrypt_vectors(pw: bytes) -> list[tuple[str, str]]:
    salt = os.urandom(32)
    key = hashlib.scrypt(pw, salt=salt, n=1024, r=8, p=1, dklen=32)
    out = [("scrypt", f"$scrypt$ln=1024,r=8,p=1${b64(salt)}${b64(key)}")]
    salt, sep, signer = os.urandom(12), b"\x07", os.urandom(64)
    derived = hashlib.scrypt(pw, salt=salt + sep, n=1 << 10, r=8, p=1, dklen=32)
    enc = Cipher(algorithms.AES(derived), modes.CTR(b"\0" * 16)).encryptor()
    expected = enc.update(signer) + enc.finalize()
    fire = f"$firescrypt$ln=10,r=8,p=1${b64(salt)}${b64(expected)}${b64(sep)}${b64(signer)}"
    out.append(("firescrypt", fire))
    return out


def digest_vectors(pw: bytes) -> list[tuple[str, str]]:
    out = [("md5", f"$md5${b64(hashlib.md5(pw).digest())}")]
    salt = os.urandom(8)
    for pattern in (b"{SALT}{PASSWORD}", b"{PASSWORD}$${SALT}", b"pre{PASSWORD}{SALT}{SALT}"):
        data = pattern.replace(b"{SALT}", salt).replace(b"{PASSWORD}", pw)
        md5 = hashlib.md5(data).digest()
        out.append(("md5", f"$md5$pf={b64(pattern)}${b64(salt)}${b64(md5)}"))
        for name in ("sha1", "sha256", "sha512"):
            digest = hashlib.new(name, data).digest()
            out.append(("sha", f"${name}$pf={b64(pattern)}${b64(salt)}${b64(digest)}"))
    for label, name in (("SSHA", "sha1"), ("SSHA256", "sha256"), ("SSHA512", "sha512")):
        digest = hashlib.new(name, pw + salt).digest()
        out.append(("ssha", "{" + label + "}" + b64(digest + salt)))
    key = os.urandom(10)
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
        mac = hmac.new(key, pw, name).hexdigest().encode()
        out.append(("hmac", f"$hmac-{name}${b64(mac)}${b64(key)}"))
    return out


def crypt_vectors(password: str) -> list[tuple[str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import crypt  # glibc / libxcrypt: the reference crypt(3)

    out = []
    salt = base64.b64encode(os.urandom(12), b"./").decode()
    for std, kratos, setting in (
        ("$1$", "$md5-crypt$", f"$1${salt[:8]}$"),
        ("$5$", "$sha256-crypt$", f"$5$rounds=1000${salt}$"),
        ("$6$", "$sha512-crypt$", f"$6${salt}$"),
    ):
        encoded = crypt.crypt(password, setting)
        out.append(("crypt", encoded))
        out.append(("crypt", kratos + encoded[len(std) :]))
    return out


def django_vectors(password: str) -> list[tuple[str, str]]:
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_TZ=True)
    from django.contrib.auth import hashers as dj

    out = [
        ("django", dj.PBKDF2PasswordHasher().encode(password, "pepperysalt", 2000)),
        ("django", dj.PBKDF2SHA1PasswordHasher().encode(password, "s4ltsalt", 1500)),
        ("django", dj.ScryptPasswordHasher().encode(password, "saltysalt", n=1024, r=8, p=1)),
        ("django", dj.MD5PasswordHasher().encode(password, "seasalt")),
    ]
    argon = dj.Argon2PasswordHasher()
    argon.time_cost, argon.memory_cost, argon.parallelism = 1, 64, 1
    out.append(("django", argon.encode(password, argon.salt())))
    for cls in (dj.BCryptSHA256PasswordHasher, dj.BCryptPasswordHasher):
        hasher = cls()
        hasher.rounds = 4
        if cls is dj.BCryptPasswordHasher and len(password.encode()) > 72:
            continue
        out.append(("django", hasher.encode(password, hasher.salt())))
    return out


KRATOS = [  # (password, hash) from ory/kratos hash/hasher_test.go
    ("test", "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6"),
    ("test", "$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw"),
    (
        "test",
        "$argon2id$v=19$m=32,t=5,p=4$cm94YnRVOW5jZzFzcVE4bQ$fBxypOL0nP/zdPE71JtAV71i487LbX3fJI5PoTN6Lp4",
    ),
    (
        "test",
        "$argon2i$v=19$m=65536,t=3,p=4$kk51rW/vxIVCYn+EG4kTSg$NyT88uraJ6im6dyha/M5jhXvpqlEdlS/9fEm7ScMb8c",
    ),
    (
        "test",
        "$pbkdf2-sha256$i=100000,l=32$1jP+5Zxpxgtee/iPxGgOz0RfE9/KJuDElP1ley4VxXc$QJxzfvdbHYBpydCbHoFg3GJEqMFULwskiuqiJctoYpI",
    ),
    (
        "test",
        "$pbkdf2-sha512$i=100000,l=32$bdHBpn7OWOivJMVJypy2UqR0UnaD5prQXRZevj/05YU$+wArTfv1a+bNGO1iZrmEdVjhA+lL11wF4/IxpgYfPwc",
    ),
    (
        "test",
        "$scrypt$ln=16384,r=8,p=1$2npRo7P03Mt8keSoMbyD/tKFWyUzjiQf2svUaNDSrhA=$MiCzNcIplSMqSBrm4HckjYqYhaVPPjTARTzwB1cVNYE=",
    ),
    (
        "8x4WjoDbSxJZdR",
        "$firescrypt$ln=14,r=8,p=1$sPtDhWcd1MfdAw==$xbSou7FOl6mChCyzpCPIQ7tku7nsQMTFtyOZSXXd7tjBa4NtimOx7v42Gv2SfzPQu1oxM2/k4SsbOu73wlKe1A==$Bw==$YE0dO4bwD4JnJafh6lZZfkp1MtKzuKAXQcDCJNJNyeCHairWHKENOkbh3dzwaCdizzOspwr/FITUVlnOAwPKyw==",
    ),
    ("test123", "{SSHA}JFZFs0oHzxbMwkSJmYVeI8MnTDy/276a"),
    ("test123", "{SSHA256}czO44OTV17PcF1cRxWrLZLy9xHd7CWyVYplr1rOhuMlx/7IK"),
    (
        "test123",
        "{SSHA512}xPUl/px+1cG55rUH4rzcwxdOIPSB2TingLpiJJumN2xyDWN4Ix1WQG3ihnvHaWUE8MYNkvMi5rf0C9NYixHsE6Yh59M=",
    ),
    ("test", "$sha1$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$2qU2SGWP8viTM1md3FiI3+rjWXQ="),
    (
        "BwS^514g^cv@Z",
        "$sha1$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$99h9net4BXl7qdTRaiGUobLROxM=",
    ),
    (
        "test",
        "$sha1$pf=Pz9zdGF0aWNQcmVmaXg/P3tTQUxUfXtQQVNTV09SRH0=$NW9wbWtnejAzcg==$SAAxMUn7jxckQXkBmsVF0nHwqso=",
    ),
    ("test", "$sha1$pf=e1BBU1NXT1JEfSUle1NBTFR9$NW9wbWtnejAzcg==$YX0AW8/MW5ojUlnzTaR43ucHCog="),
    ("test", "$sha1$pf=JHtQQVNTV09SRH0ke1NBTFR9JA==$NW9wbWtnejAzcg==$iE5n1yjX3oAdxRHwZ4u57I4LpQo="),
    (
        "test",
        "$sha256$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$0gfRVLCvtBCk20udLDEY5vNhujWx7RGjwRIS1ebMsLY=",
    ),
    (
        "test",
        "$sha256$pf=e1NBTFR9JCR7UEFTU1dPUkR9$NW9wbWtnejAzcg==$HokCOi9OtiZaZRvnkgemV3B4UUHpI7kA8zq/EZWH2NY=",
    ),
    (
        "test",
        "$sha512$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$6ctpVuApMNp0CgBXcdHw/GC562eFEFGr4gpgANX8ZYsX+j5B19IkdmOY2Fytsz3QUwSWdGcUjbqwgJGTH0UYvw==",
    ),
    (
        "test",
        "$sha512$pf=e1NBTFR9JCR7UEFTU1dPUkR9$NW9wbWtnejAzcg==$1F9BPW8UtdJkZ9Dhlf+D4X4dJ9xfuH8y04EfuCP2k4aGPPq/aWxU9/xe3LydHmYW1/K3zu3NFO9ETVrZettz3w==",
    ),
    ("test", "$md5$CY9rzUYh03PK3k6DJie09g=="),
    ("ory", "$md5$ptoWyof5SobW+pbZu2QXoQ=="),
    ("test", "$md5$pf=e1NBTFR9e1BBU1NXT1JEfQ==$MTIz$q+RdKCgc+ipCAcm5ChQwlQ=="),
    ("test", "$md5$pf=e1NBTFR9JCR7UEFTU1dPUkR9$MTIzNA==$ud392Z8rfZ+Ou7ZFXYLKbA=="),
    ("ory", "$md5$pf=e1BBU1NXT1JEfXtTQUxUfSQ/$MTIzNDU2Nzg5$8PhwWanVRnpJAFK4NUjR0w=="),
    ("test", "$md5-crypt$TVEiiKNb$SN6/pUaRQS/E8Jh46As2C/"),
    ("test", "$md5-crypt$$whuMjZj.HMFoaTaZRRtkO0"),
    ("ory", "$md5-crypt$xWMlm2eL$GGTOpgZu4p2k6ORprAu3b."),
    (
        "test",
        "$sha256-crypt$rounds=535000$05R.9KB6UC2kLI3w$Q/zslzx./JjkAVPTwp6th7nW5l7JU91Gte/UmIh.U78",
    ),
    (
        "test",
        "$sha512-crypt$rounds=656000$3LVbIAVxR//cRajw$uuNasMW.RYxlGzIRFU1Was70BPSa933AjxhZIGJdJBOlqJAHlgqa0yuiuq5JHF/ryNGryJkj87G9i3G2HPSXg1",
    ),
    ("test", "$hmac-md4$MWQ5ZTI4Nzc2Zjg4YmE2MTQ5YjQ0OTMyOGE4NWU4YjA=$MTIzNDU="),
    ("test", "$hmac-md5$ZmU4Njk3Zjc0MmQwODA0MDVkMTI3MGU2MTYzMzE2Zjk=$MTIzNDU="),
    ("test", "$hmac-sha1$NDMyNjcxZTUyY2Y2YTBmYjZjZDE2NjQxYjAwNjFiZjAwOGEzNWM5MA==$MTIzNDU="),
    (
        "test",
        "$hmac-sha224$YmUwYmYzM2EwNGRlNDE0YjQzNjBhNmIyOThmNmIyYzI4OWQyMzk3MDUwZDFjMzliYjVmMDMyOTQ=$MTIzNDU=",
    ),
    (
        "test",
        "$hmac-sha256$ZTAzMWJhMWMyOTM4YjFkMjgzZjkxOWExZGY5YWM2NmMxOTJhN2RkNzQ0MzJkNWZkNGFkYTI5OTk0MWJhMTA5Zg==$MTIzNDU=",
    ),
    (
        "test",
        "$hmac-sha384$ZWEyMGM3NGE4Y2UzMTljNTdjZTlhZGQyYTZjNDE0MGQ4YjMwYWIwOWM4OTRiNWQ4MmZjODlhMzBhMmQzNGE5NmQ0NDY1NWRhYjQ2ZjhiYjBkNTRmYjk5YWZkZTA1MGY1$MTIzNDU=",
    ),
    (
        "test",
        "$hmac-sha512$OTFmODY0ZTI1NmU0ZjVhYjhiMDViZGFmNGVmNGZmMGVlNTY4ODYwNWJhYTk4MTk2OTgyMzc3NzI1YTc4MzcxMTMzNzZmY2YxYTk5MGMxM2RiZDk2MGFmMmQ1YzRmODdlMGMwYTNkYjcyNjY0NjM4NGE4YzQ2MjNhZDZkN2UxZTE=$MTIzNDU=",
    ),
]


def main() -> None:
    vectors = []
    for password in PASSWORDS:
        pw = password.encode()
        made = argon2_vectors(pw) + pbkdf2_vectors(pw) + scrypt_vectors(pw) + digest_vectors(pw)
        made += crypt_vectors(password) + django_vectors(password)
        if len(pw) <= 72:
            made += bcrypt_vectors(pw)
        vectors += [
            {"source": "reference", "family": f, "password": password, "hash": h} for f, h in made
        ]
    vectors += [{"source": "kratos", "family": None, "password": pw, "hash": h} for pw, h in KRATOS]
    OUT.write_text(json.dumps({"vectors": vectors}, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(vectors)} vectors to {OUT}")


if __name__ == "__main__":
    main()
