/// The style sheet every page carries inline (pages work from `file://`, with no other file
/// and no network). System fonts only. One column that fits a phone; on a wide screen the
/// table of contents moves to a sticky side bar. When printed, navigation is left out,
/// code and output wrap instead of being cut, and steps and plots avoid page breaks.
enum SiteStyle {
    static let css = """
    :root { --text: #1d1f21; --muted: #5b6168; --line: #d8dde3; --bg-code: #f6f8fa; --bg-out: #fbfbf8;
      --ok: #1a7f37; --fail: #c62828; --skip: #8a6d00; --link: #0b57d0; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: var(--text); background: #fff; line-height: 1.55;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 17px; }
    a { color: var(--link); }
    code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86em; }
    p code, li code, td code, h2 code, h3 code { background: var(--bg-code); padding: 0.05em 0.3em; border-radius: 3px; }
    p code, li code { overflow-wrap: break-word; }
    pre { margin: 0.6em 0; padding: 0.7em 0.9em; overflow-x: auto; border-radius: 6px; line-height: 1.4; tab-size: 4; }
    h1, h2, h3 { line-height: 1.25; }
    h2 { margin-top: 1.8em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
    img, svg { max-width: 100%; height: auto; }
    table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
    th, td { border: 1px solid var(--line); padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
    th { background: var(--bg-code); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    blockquote { margin: 0.8em 0; padding: 0 1em; border-left: 4px solid var(--line); color: var(--muted); }
    .wrap { max-width: 76rem; margin: 0 auto; padding: 0 1.1rem; }
    .page-head { border-bottom: 1px solid var(--line); background: #f9fafb; }
    .page-head .wrap { padding-top: 0.8rem; padding-bottom: 0.9rem; }
    .page-head h1 { margin: 0.2em 0 0.3em; font-size: 1.9em; }
    .crumbs { font-size: 0.92em; }
    .meta { color: var(--muted); margin: 0.2em 0; font-size: 0.93em; }
    .results { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.6em 0 0; padding: 0; }
    .results div { border: 1px solid var(--line); border-radius: 6px; padding: 0.25em 0.7em; background: #fff; }
    .results dt { display: inline; color: var(--muted); font-size: 0.9em; }
    .results dd { display: inline; margin: 0 0 0 0.4em; font-weight: 600; font-variant-numeric: tabular-nums; }
    .layout { display: block; }
    main { min-width: 0; padding-bottom: 2em; }
    .toc { margin: 1em 0; padding: 0.6em 1em; border: 1px solid var(--line); border-radius: 6px; background: #fcfcfd; font-size: 0.93em; }
    .toc h2 { font-size: 1em; margin: 0.2em 0 0.4em; border: 0; padding: 0; }
    .toc ol { margin: 0; padding-left: 1.2em; }
    .toc ol ol { padding-left: 1em; }
    .toc li { margin: 0.15em 0; }
    .toc .failed-mark { color: var(--fail); font-weight: 600; }
    @media (min-width: 1100px) {
      .layout { display: grid; grid-template-columns: 15.5rem minmax(0, 1fr); gap: 2.2rem; }
      .toc { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; }
    }
    main > .prose, main > .step { max-width: 50rem; }
    .step { margin: 1.1em 0 1.5em; border: 1px solid var(--line); border-left: 4px solid var(--ok); border-radius: 6px; background: #fff; }
    .step.failed { border-left-color: var(--fail); }
    .step.skipped, .step.not-run { border-left-color: #c9b458; }
    .step-head { display: flex; flex-wrap: wrap; gap: 0.3em 0.8em; align-items: baseline; padding: 0.4em 0.8em;
      border-bottom: 1px solid var(--line); font-size: 0.86em; color: var(--muted); background: #fafbfc; border-radius: 6px 6px 0 0; }
    .step-id { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--text); font-weight: 600; }
    .badge { font-weight: 600; }
    .badge.ok { color: var(--ok); } .badge.failed { color: var(--fail); } .badge.skipped { color: var(--skip); }
    .where { margin-left: auto; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    .step pre.code { margin: 0; border-radius: 0; background: var(--bg-code); }
    .outputs { padding: 0.3em 0.9em 0.6em; border-top: 1px dashed var(--line); background: var(--bg-out); border-radius: 0 0 6px 6px; }
    .outputs::before { content: "Output"; display: block; font-size: 0.72em; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); margin: 0.1em 0 0.3em; }
    /* Printed text and shown values read as one stream, as in a terminal. */
    pre.out { margin: 0; padding: 0.05em 0; border-radius: 0; background: transparent; white-space: pre; }
    pre.out.value { color: #1f3a5f; }
    .table-wrap { overflow-x: auto; }
    figure.plot { margin: 0.6em 0; }
    /* Drawn at 600 px, shown up to 720 px wide on a desktop and shrunk to fit a phone
       (whole, so nothing is hidden; it is vector, so zooming in stays sharp). */
    figure.plot > svg { display: block; width: 100%; max-width: min(100%, 720px) !important; height: auto; border: 1px solid #eee; }
    .error { margin: 0.5em 0.8em 0.8em; padding: 0.5em 0.8em; border: 1px solid #f1b5b5; background: #fff4f4; border-radius: 6px; color: #7f1d1d; }
    .error p { margin: 0.2em 0; overflow-wrap: anywhere; }
    .error pre { background: #fff; border: 1px solid #f1d0d0; }
    /* A note can name a cache file, values/sd_fc/trained- and 32 hex digits: it breaks
       anywhere rather than widening the page on a phone. */
    .note { margin: 0.4em 0.8em 0.6em; color: var(--muted); font-style: italic; overflow-wrap: anywhere; }
    pre.code .k { color: #a626a4; font-weight: 600; } pre.code .t { color: #0b63a8; } pre.code .s { color: #a31515; }
    pre.code .n { color: #098658; } pre.code .c { color: #6a737d; font-style: italic; } pre.code .a { color: #b35900; }
    .prose pre.code { background: var(--bg-code); }
    .lessons td:first-child { min-width: 9em; }
    .status-ok { color: var(--ok); font-weight: 600; } .status-failed { color: var(--fail); font-weight: 600; } .status-missing { color: var(--skip); font-weight: 600; }
    .pager { display: flex; justify-content: space-between; gap: 1em; margin: 2em 0 1em; padding-top: 1em; border-top: 1px solid var(--line); }
    .pager a { max-width: 48%; }
    .pager .next { margin-left: auto; text-align: right; }
    footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85em; padding: 1em 0 2em; }
    footer p { margin: 0.3em 0; }
    @media (max-width: 600px) {
      body { font-size: 16px; }
      .wrap { padding: 0 0.75rem; }
      .page-head h1 { font-size: 1.55em; }
      .where { margin-left: 0; }
      pre { padding: 0.6em 0.65em; font-size: 0.8em; }
      .step-head { padding: 0.4em 0.6em; }
      .outputs { padding: 0.2em 0.6em 0.5em; }
      /* The lessons table becomes one card per lesson, each value labelled. */
      table.lessons thead { display: none; }
      table.lessons, table.lessons tbody, table.lessons tr, table.lessons td { display: block; }
      table.lessons tr { border: 1px solid var(--line); border-radius: 6px; margin: 0.7em 0; padding: 0.4em 0.7em; }
      table.lessons td { border: 0; padding: 0.1em 0; text-align: left; }
      table.lessons td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
    }
    @media print {
      body { font-size: 11pt; }
      .toc, .pager, .crumbs { display: none; }
      .layout { display: block; }
      .page-head { background: none; }
      a { color: inherit; }
      pre, pre.out { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      .table-wrap { overflow: visible; }
      .step, figure.plot, tr { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      main > .prose, main > .step { max-width: none; }
    }
    """
}
