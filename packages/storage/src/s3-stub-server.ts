/**
 * Minimal HTTP server on 127.0.0.1 that responds to S3 requests with a list of
 * canned responses, for tests of retry and error handling that a real server
 * cannot be made to produce on demand. Test-only.
 */
export interface StubResponse {
  status: number;
  /** S3 error code for an XML error body, e.g. `SlowDown`. Without it the response is an empty success. */
  errorCode?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
}

export interface S3StubServer {
  endpoint: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** Starts the stub, which returns the responses in order and then repeats the last one. */
export function startS3Stub(responses: StubResponse[]): S3StubServer {
  if (responses.length === 0) {
    throw new Error("startS3Stub needs at least one response");
  }
  const requests: RecordedRequest[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      await request.arrayBuffer();
      requests.push({ method: request.method, path: new URL(request.url).pathname });
      const response = responses[Math.min(requests.length - 1, responses.length - 1)] ?? responses[0];
      return toHttpResponse(response ?? { status: 500 });
    },
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    requests,
    stop: () => server.stop(true),
  };
}

function toHttpResponse(response: StubResponse): Response {
  const headers = new Headers({ "x-amz-request-id": "stub" });
  if (response.errorCode !== undefined) {
    headers.set("content-type", "application/xml");
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${response.errorCode}</Code>` +
      `<Message>stub ${response.errorCode}</Message><RequestId>stub</RequestId></Error>`;
    return new Response(xml, { status: response.status, headers });
  }
  headers.set("etag", '"stub"');
  return new Response(null, { status: response.status, headers });
}

/** Returns a loopback port that nothing listens on (just freed by a stopped server). */
export async function closedLoopbackPort(): Promise<number> {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(null) });
  const port = server.port;
  await server.stop(true);
  if (port === undefined) {
    throw new Error("Bun.serve returned no port");
  }
  return port;
}
