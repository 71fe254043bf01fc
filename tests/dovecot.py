"""A real IMAP server for the mailbox poller's tests: Debian's Dovecot, on a temporary config.

`.ci/run` installs dovecot-imapd; without it the tests that need it skip and say so. The
server runs in the foreground of its own process, with its mail, state and log in a
temporary directory, listening on 127.0.0.1 only, and one user with a plain password.
"""

import getpass
import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.newsletter_fixtures import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "bounces", "imap-test-password"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = {uid}
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def missing():
    """Why the IMAP tests cannot run here, or None."""
    if not os.path.exists(DOVECOT):
        return "needs Dovecot (apt-get install dovecot-imapd; .ci/run installs it)"
    return None


def _accounts():
    """The mail user's uid and gid, and the users Dovecot's own processes run as."""
    if os.geteuid() != 0:
        me = getpass.getuser()
        return os.getuid(), os.getgid(), me, me
    mail = pwd.getpwnam("dovecot")  # made by the package; mail is never accessed as root
    return mail.pw_uid, mail.pw_gid, "dovenull", "dovecot"


@dataclass
class Dovecot:
    root: Path
    port: int
    process: subprocess.Popen | None = None

    @classmethod
    def start(cls):
        root = Path(tempfile.mkdtemp(prefix="analyst-dovecot-"))
        root.chmod(0o755)
        server = cls(root, free_port())
        server.configure()
        log = (root / "stdout.log").open("wb")
        server.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stdout=log, stderr=log
        )
        server.wait_until_listening()
        return server

    def configure(self):
        uid, gid, login_user, internal_user = _accounts()
        for folder in ("run", "state", "mail", "home"):
            (self.root / folder).mkdir()
        for folder in ("mail", "home"):
            os.chown(self.root / folder, uid, gid)
        (self.root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        config = CONFIG.format(
            root=self.root,
            port=self.port,
            uid=uid,
            gid=gid,
            login_user=login_user,
            internal_user=internal_user,
        )
        (self.root / "dovecot.conf").write_text(config)

    def wait_until_listening(self, timeout=60):
        """Until it answers a login (a bound on a stuck start only)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.client().logout()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Dovecot did not start: {self.log()}") from None
                time.sleep(0.05)

    def client(self):
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=60)
        client.login(USER, PASSWORD)
        return client

    @property
    def url(self):
        return f"imap://{USER}:{PASSWORD}@127.0.0.1:{self.port}/INBOX"

    def deliver(self, raw):
        """Put a message in the inbox, unread, as the mail server would."""
        client = self.client()
        try:
            status, data = client.append("INBOX", "", None, raw)
            assert status == "OK", data
        finally:
            client.logout()

    def flags(self):
        """The flags of every message in the inbox, in order."""
        client = self.client()
        try:
            client.select("INBOX", readonly=True)
            _, data = client.fetch("1:*", "(FLAGS)")
            return [item.decode() for item in data if item]
        finally:
            client.logout()

    def count(self):
        client = self.client()
        try:
            _, data = client.select("INBOX", readonly=True)
            return int(data[0])
        finally:
            client.logout()

    def log(self):
        return "\n".join(
            path.read_text(errors="replace")
            for path in (self.root / "dovecot.log", self.root / "stdout.log")
            if path.exists()
        )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)
