"""Downloads for the cache: offline mode, the mirror, and hosts that failed.

:func:`download` fetches one open-licence picture with pooch, which writes
to a temporary file and moves it into place only when the transfer is
complete and its hash matches, so no half-written file is ever left where a
picture is expected.

- ``LUNAR_EDU_OFFLINE=1`` forbids any network use (:func:`is_offline`).
- ``LUNAR_EDU_MIRROR`` (a base URL) fetches every download from a mirror
  instead, e.g. a school server holding the same files; the pinned hashes
  still apply (:func:`download_url`).
- A host that could not be reached is left alone for
  :data:`RETRY_AFTER_S` seconds, so a lesson with many pictures does not
  wait once per picture in a classroom without network, yet a network that
  comes back is used again without restarting Python (:class:`HostBackoff`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .catalog import SourceSpec
from .errors import LunarEduError

__all__ = [
    "MIRROR_ENV",
    "OFFLINE_ENV",
    "RETRY_AFTER_S",
    "DownloadError",
    "HashMismatchError",
    "HostBackoff",
    "NetworkUnavailableError",
    "OfflineError",
    "download",
    "download_url",
    "is_offline",
    "require_url",
]

OFFLINE_ENV = "LUNAR_EDU_OFFLINE"
MIRROR_ENV = "LUNAR_EDU_MIRROR"
#: Seconds before a host that could not be reached is tried again.
RETRY_AFTER_S = 60.0
# Connect and read timeouts in seconds: a classroom without network should
# fall back to the simulated picture quickly.
_TIMEOUT_S = (5.0, 60.0)


class DownloadError(LunarEduError, RuntimeError):
    """A download failed: HTTP error, broken transfer or unreachable host."""


class HashMismatchError(DownloadError):
    """A downloaded or cached file does not have its pinned SHA-256."""


class NetworkUnavailableError(DownloadError):
    """The host of a download cannot be reached."""


class OfflineError(DownloadError):
    """A download was asked for while ``LUNAR_EDU_OFFLINE=1``."""


@dataclass
class HostBackoff:
    """Hosts that could not be reached lately, each left alone for a while.

    Parameters
    ----------
    retry_after_s : float
        Seconds after a failure before the host is tried again.
    clock : callable
        Returns the time in seconds; :func:`time.monotonic` by default (a
        test passes its own clock instead of sleeping).

    Examples
    --------
    >>> now_s = [100.0]
    >>> hosts = HostBackoff(retry_after_s=60.0, clock=lambda: now_s[0])
    >>> hosts.failed("example.org")
    >>> now_s[0] = 130.0
    >>> hosts.wait_s("example.org")
    30.0
    >>> now_s[0] = 160.0
    >>> hosts.wait_s("example.org")
    0.0
    """

    retry_after_s: float = RETRY_AFTER_S
    clock: Callable[[], float] = time.monotonic
    _failed_at_s: dict[str, float] = field(default_factory=dict, repr=False)

    def failed(self, host: str) -> None:
        """Record that ``host`` could not be reached just now."""
        self._failed_at_s[host] = self.clock()

    def reached(self, host: str) -> None:
        """Forget an earlier failure of ``host``: it answered."""
        self._failed_at_s.pop(host, None)

    def wait_s(self, host: str) -> float:
        """Return the seconds left before ``host`` may be tried again (0 when now).

        Parameters
        ----------
        host : str
            The ``host[:port]`` part of a URL.

        Returns
        -------
        float
            0.0 for a host that never failed or whose wait is over.
        """
        failed_at_s = self._failed_at_s.get(host)
        if failed_at_s is None:
            return 0.0
        return max(0.0, failed_at_s + self.retry_after_s - self.clock())


# The hosts of this process. One object for every download, so one picture
# that found no network spares the next ones the wait.
_BACKOFF = HostBackoff()


def is_offline() -> bool:
    """Return True when ``LUNAR_EDU_OFFLINE`` forbids any network use.

    Returns
    -------
    bool
        True for ``1``, ``true``, ``yes`` or ``on``.
    """
    value = os.environ.get(OFFLINE_ENV, "").strip().lower()
    return value in ("1", "true", "yes", "on")


def require_url(spec: SourceSpec) -> str:
    """Return the URL of a download source.

    Parameters
    ----------
    spec : SourceSpec
        A catalogue source.

    Returns
    -------
    str
        Its ``url``.

    Raises
    ------
    LunarEduError
        If the source is not a ``kind="url"`` download.
    """
    if spec.kind != "url" or not spec.url:
        msg = f"Source {spec.label} is not a download; only url sources are cached."
        raise LunarEduError(msg)
    return spec.url


def download_url(spec: SourceSpec) -> str:
    """Return the address to download a source from, honouring ``LUNAR_EDU_MIRROR``.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.

    Returns
    -------
    str
        The catalogue URL, or the mirror base joined with the file's name.

    Examples
    --------
    >>> spec = SourceSpec("url", url="https://example.org/a/pano.jpg")
    >>> download_url(spec)
    'https://example.org/a/pano.jpg'
    """
    url = require_url(spec)
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return url
    return f"{mirror.rstrip('/')}/{urlsplit(url).path.rsplit('/', 1)[-1]}"


def download(spec: SourceSpec, target: Path, *, known_hash: str | None) -> None:
    """Download a source into ``target``: complete and matching, or not at all.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.
    target : pathlib.Path
        Where the file goes; its folder is created.
    known_hash : str or None
        ``"sha256:<hex>"`` to check the bytes against, or None to keep
        whatever arrives (only for pinning).

    Raises
    ------
    OfflineError
        If ``LUNAR_EDU_OFFLINE=1``.
    NetworkUnavailableError
        If the host cannot be reached, or could not be reached less than
        :data:`RETRY_AFTER_S` seconds ago.
    HashMismatchError
        If the bytes do not match ``known_hash``; nothing is kept.
    DownloadError
        If the server answers with an HTTP error or the transfer breaks off;
        nothing is kept.
    """
    url = download_url(spec)
    if is_offline():
        msg = f"Not downloading {url}: {OFFLINE_ENV}=1; unset it to use the network."
        raise OfflineError(msg)
    host = urlsplit(url).netloc
    wait_s = _BACKOFF.wait_s(host)
    if wait_s > 0:
        msg = (
            f"Not downloading {url}: {host} could not be reached a moment ago and "
            f"is tried again in {wait_s:.0f} s; check the network."
        )
        raise NetworkUnavailableError(msg)
    # Imported here: `import lunar_edu` and offline lessons never need them.
    import pooch
    import requests

    target.parent.mkdir(parents=True, exist_ok=True)
    downloader = pooch.HTTPDownloader(progressbar=False, timeout=_TIMEOUT_S)
    try:
        pooch.retrieve(
            url,
            known_hash=known_hash,
            fname=target.name,
            path=target.parent,
            downloader=downloader,
        )
    except ValueError as err:
        msg = (
            f"The download of {url} does not match its pinned SHA-256, so it was "
            "discarded; the file changed upstream or the transfer was tampered with."
        )
        raise HashMismatchError(msg) from err
    except requests.HTTPError as err:
        _BACKOFF.reached(host)  # it answered, if only with an error
        status = err.response.status_code if err.response is not None else "error"
        msg = f"Downloading {url} failed with HTTP {status}; try again later or set {MIRROR_ENV}."
        raise DownloadError(msg) from err
    except (requests.ConnectionError, requests.Timeout) as err:
        _BACKOFF.failed(host)
        msg = (
            f"Cannot reach {host} to download {url}; check the network (it is "
            f"tried again after {_BACKOFF.retry_after_s:.0f} s)."
        )
        raise NetworkUnavailableError(msg) from err
    except requests.RequestException as err:
        msg = f"The download of {url} broke off before the end; nothing was kept."
        raise DownloadError(msg) from err
    _BACKOFF.reached(host)
