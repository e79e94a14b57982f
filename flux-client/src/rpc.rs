//! fluxd JSON-RPC: request building, response parsing and (with `http`) the transport.
