"""What the Dask tests do to a LocalCluster's workers."""

from __future__ import annotations

import os
import signal


def killer(client, killed: list):
    """A progress callback that kills (SIGKILL) one worker while it computes a
    task, once and before the last task ends; the worker's pid goes to `killed`."""

    def kill_one(done: int, total: int) -> None:
        if killed or done == total:
            return
        busy = [w for w, keys in client.processing().items() if keys]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    return kill_one
