// CSV downloads for officers: UTF-8 with a byte-order mark (so Excel opens Finnish and
// Swedish letters correctly), `;` as separator (the list separator of Finnish and Swedish
// locales), CRLF line ends, and quoting by csv-stringify. Rows arrive page by page from an
// async iterable and are pulled only as fast as the client reads, so an export of millions
// of rows holds one page in memory.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
}

/**
 * A cell that starts with = + - @ or a control character is read as a formula by
 * spreadsheet programs (CSV injection, OWASP). Text an officer or a service wrote can end up
 * in an export, so such cells get a leading apostrophe and stay text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function streamCsv<Row>(columns: CsvColumn<Row>[], pages: AsyncIterable<Row[]>): ReadableStream<Uint8Array> {
  async function* records() {
    for await (const page of pages) {
      for (const row of page) yield columns.map((c) => c.value(row) ?? '');
    }
  }
  const stringifier = stringify({
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    header: true,
    columns: columns.map((c) => c.header),
    cast: { string: neutraliseFormula },
  });
  const source = Readable.from(records());
  // An error while reading a later page aborts the download rather than ending it cleanly:
  // a truncated file must not look complete.
  source.on('error', (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  const encoder = new TextEncoder();
  return (Readable.toWeb(stringifier) as ReadableStream<string | Uint8Array>).pipeThrough(
    new TransformStream<string | Uint8Array, Uint8Array>({
      transform: (chunk, controller) => controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk),
    }),
  );
}

export function csvHeaders(filename: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    ...extra,
  };
}
