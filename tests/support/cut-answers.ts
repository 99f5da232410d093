// Cuts the browser's answers on their way, as a dropped connection cuts them: the status and
// headers arrive, then the first bytes of the body, then a network error. Installed before the
// page's own scripts run (an init script wrapping fetch), for the answers one rule matches.
import type { Page } from 'playwright-core';

export interface CutRule {
  /** The answer's path (/api/v1/overview). */
  path: string;
  /** Only answers to this method (PUT); any, when not given. */
  method?: string;
  /** Query parameters the request has (a value), or has not (null). */
  query?: Record<string, string | null>;
  /** Only the first answer that matches; every one, when not given. */
  once?: boolean;
  /** How many bytes of the body's first chunk arrive; the whole chunk, when not given. */
  keep?: number;
}

export async function cutAnswers(page: Page, rule: CutRule): Promise<void> {
  await page.addInitScript((cutting: CutRule) => {
    const real = window.fetch.bind(window);
    let cut = false;
    const matches = (url: URL, method: string) =>
      url.pathname === cutting.path &&
      (cutting.method === undefined || method === cutting.method) &&
      Object.entries(cutting.query ?? {}).every(([name, value]) =>
        value === null ? !url.searchParams.has(name) : url.searchParams.get(name) === value,
      );
    window.fetch = async (input, init) => {
      const response = await real(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if ((cutting.once && cut) || !matches(url, method) || !response.body) return response;
      cut = true;
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value } = await reader.read();
          if (value) controller.enqueue(cutting.keep === undefined ? value : value.subarray(0, cutting.keep));
          controller.error(new TypeError('network error'));
          void reader.cancel();
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
  }, rule);
}
