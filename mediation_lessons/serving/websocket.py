"""The kernel websocket of the app, sent without Nagle's delay.

Tornado leaves Nagle's algorithm on for websockets. A widget update reaches
the browser as several small frames in a row (status busy, comm message,
status idle); with Nagle on, each frame after the first waits for the
browser's delayed ACK, which adds about 40 ms to every click on Linux.
Setting ``TCP_NODELAY`` on the connection removes that wait.

Voilà loads this class by name: ``Voila.kernel_websocket_connection_class``
in the shipped ``voila.json``.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import (
    ZMQChannelsWebsocketConnection,
)


class NoDelayWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The standard kernel websocket connection with ``TCP_NODELAY`` set."""

    def connect(self) -> Any:
        """Turn off Nagle's algorithm, then connect as usual (the parent's future or None)."""
        self.websocket_handler.set_nodelay(True)
        return super().connect()
