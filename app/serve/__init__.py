"""This machine as an Inference Endpoint: the HTTP server and the endpoint package writer."""
