import Foundation

/// The frame shared by every page: the HTML head (inline style, a Content-Security-Policy
/// that allows no script, no network and no plug-in), and the footer with the corpus credit.
enum PageTemplate {
    /// Scripts, frames, fonts and remote images are refused outright; only the inline style
    /// sheet and inline SVG (part of the document) apply. A second line of defence behind
    /// the escaping: even markup that slipped through could not run or fetch anything.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    static func document(title: String, head: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <title>\(HTMLText.escaped(title))</title>
        <style>
        \(SiteStyle.css)
        </style>
        </head>
        <body>
        \(head)\(body)<footer><div class="wrap">
        \(CorpusCredit.html)</div></footer>
        </body>
        </html>

        """
    }
}

/// The credit the corpus's licence asks for, on every page.
enum CorpusCredit {
    static let doi = "https://doi.org/10.1371/journal.pone.0196391"
    static let record = "https://zenodo.org/record/1188976"
    static let license = "https://creativecommons.org/licenses/by-nc-sa/4.0/"

    static let html = """
        <p>Recordings: the song part of RAVDESS, licensed <a href="\(license)">CC BY-NC-SA 4.0</a>. \
        Livingstone SR, Russo FA (2018). The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS): \
        A dynamic, multimodal set of facial and vocal expressions in North American English. \
        <i>PLoS ONE</i> 13(5): e0196391. <a href="\(doi)">\(doi)</a>. \
        Data: <a href="\(record)">\(record)</a>.</p>

        """

    /// The same credit in Markdown, closing each exported notebook (its plots show the
    /// corpus's recordings, and a notebook travels without the site's footer).
    static let markdown = """
        ---
        Recordings: the song part of RAVDESS, licensed [CC BY-NC-SA 4.0](\(license)). \
        Livingstone SR, Russo FA (2018). The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS): \
        A dynamic, multimodal set of facial and vocal expressions in North American English. \
        *PLoS ONE* 13(5): e0196391. <\(doi)>. Data: <\(record)>.
        """
}

/// Dates as pages (and the commands that name a stored run) print them, in UTC whatever
/// the machine's zone, so the same run renders the same bytes everywhere.
public enum PageDate {
    /// `2026-11-27 10:28 UTC`, or with `seconds` `2026-11-27 10:28:56 UTC`.
    public static func text(_ date: Date, seconds: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
