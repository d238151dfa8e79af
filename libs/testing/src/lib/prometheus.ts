/**
 * Scrapes a Prometheus endpoint (text format): every series, as `name{labels}`
 * exactly as exposed, with its value. Fails on anything but a 200.
 */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}
