"""A local SMTP server for spotlight's `--send` tests (aiosmtpd, from PyPI).

Listens on 127.0.0.1 on a free port, prints the port on its first line of stdout, and saves
every message it accepts as <dir>/<n>.eml (n counting from 1). A recipient listed with
--refuse gets `550` at RCPT (refused for good), one listed with --defer gets `451` (try
later), so the test can make one message of a run fail either way.

    python3 tests/smtp/server.py DIR [--refuse ADDRESS ...] [--defer ADDRESS ...]
"""

import argparse
import pathlib
import socket
import sys

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, folder, refuse, defer):
        self.folder = folder
        self.refuse = {a.lower() for a in refuse}
        self.defer = {a.lower() for a in defer}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 mailbox unavailable (refused by the test)"
        if address.lower() in self.defer:
            return "451 4.3.0 try again later (deferred by the test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = self.folder / f"{self.count}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        (self.folder / f"{self.count}.rcpt").write_text("\n".join(envelope.rcpt_tos) + "\n")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--defer", action="append", default=[])
    args = parser.parse_args()
    folder = pathlib.Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    controller = Controller(Saver(folder, args.refuse, args.defer), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    try:
        # Until the test kills it, or closes stdin.
        while sys.stdin.read(1):
            pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
