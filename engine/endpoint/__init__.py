"""The Inference Endpoints protocol: wire format, HTTP policy, token, URLs and the handler."""
