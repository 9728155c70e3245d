//! Doc comments from spec text, made safe for rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

use super::text::Lines;
use crate::model::Docs;

/// `#[doc]` attributes for an item; `fallback` is used when the spec says nothing,
/// because every public item of the generated crate is documented.
pub fn attrs(docs: &Docs, fallback: &str) -> TokenStream {
    // Deprecation is said in the docs, not with `#[deprecated]`: generated code refers to its
    // own items, and every such use would warn.
    let lines = lines(docs, fallback);
    quote! { #(#[doc = #lines])* }
}

/// Doc comments written as text, `/// text` lines at the current depth.
pub fn write(out: &mut Lines, docs: &Docs, fallback: &str) {
    for line in lines(docs, fallback) {
        comment(out, &line);
    }
}

/// The doc comment of a type: its spec docs, or a line naming the schema.
pub fn write_type(out: &mut Lines, def: &crate::model::TypeDef) {
    write(out, &def.docs, &format!("The `{}` schema.", def.name.as_str()));
}

/// One `///` line (`text` has its leading space). A line break inside the text (a bare `\r`
/// from a spec's name or value, which rustc refuses in a doc comment) starts another line.
pub fn comment(out: &mut Lines, text: &str) {
    for (index, line) in text.split(['\r', '\n']).enumerate() {
        let space = if index > 0 && !line.is_empty() { " " } else { "" };
        out.line(&format!("///{space}{}", line.trim_end()));
    }
}

/// The doc lines, each with its leading space (`/// text`).
pub fn lines(docs: &Docs, fallback: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &docs.summary {
        paragraphs.push(sanitize(s));
    }
    if let Some(description) = &docs.description {
        let description = sanitize(description);
        if paragraphs.first() != Some(&description) {
            paragraphs.push(description);
        }
    }
    if paragraphs.is_empty() {
        paragraphs.push(sanitize(fallback));
    }
    let mut notes = docs.notes.clone();
    if docs.deprecated {
        notes.insert(0, "**Deprecated** in the spec.".to_owned());
    }
    if !notes.is_empty() {
        // Notes are the generator's own markdown (spec values only inside code spans).
        paragraphs.push(notes.join("\n\n"));
    }
    let text = paragraphs.join("\n\n");
    text.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }).collect()
}

/// Spec text as rustdoc markdown: code fences are never compiled as doctests, and brackets,
/// angle brackets and bare URLs cannot turn into broken links or HTML.
pub fn sanitize(text: &str) -> String {
    // Windows and old Mac line ends are line ends: a bare `\r` does not compile in a doc comment.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = plain_breaks(&text);
    let mut out = Vec::new();
    let mut in_fence = false;
    // Column where the current list item's text starts; continuation lines are indented to it.
    let mut list_indent: Option<usize> = None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence { "```".to_owned() } else { "```text".to_owned() });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            // Tabs would trip clippy's `tabs_in_doc_comments`; a tab stop is four columns.
            out.push(line.trim_end().replace('\t', "    "));
            continue;
        }
        // Indented lines would become code blocks; keep them as text, but indent the
        // continuation lines of a list item so they stay part of it.
        let item = list_item_indent(trimmed);
        let indent = match (item, list_indent) {
            (None, Some(column)) if !trimmed.is_empty() => column,
            _ => 0,
        };
        list_indent = if trimmed.is_empty() { None } else { item.or(list_indent) };
        // One blank line parts paragraphs; more (HTML paragraphs become several) add nothing.
        if trimmed.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(format!("{}{}", " ".repeat(indent), sanitize_line(trimmed.trim_end())));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// The HTML that specs written for web pages carry (Stripe's `<p>` and `<a href>`, Zoom's
/// `<br>`), as the markdown it means: breaks and paragraphs as line breaks, `<code>`, `<b>` and
/// `<em>` as markdown, list items as `- ` lines, links to web pages as links (a relative link
/// keeps only its text). Other tags stay, to be escaped as text.
fn plain_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    const TAGS: [(&str, &str); 22] = [
        ("<br>", "\n"),
        ("<br/>", "\n"),
        ("<br />", "\n"),
        ("<p>", "\n\n"),
        ("</p>", "\n\n"),
        ("<code>", "`"),
        ("</code>", "`"),
        ("<strong>", "**"),
        ("</strong>", "**"),
        ("<b>", "**"),
        ("</b>", "**"),
        ("<em>", "*"),
        ("</em>", "*"),
        ("<i>", "*"),
        ("</i>", "*"),
        ("<ul>", "\n\n"),
        ("</ul>", "\n\n"),
        ("<ol>", "\n\n"),
        ("</ol>", "\n\n"),
        ("<li>", "\n- "),
        ("</li>", ""),
        ("</a>", ""),
    ];
    if !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let starts = |tag: &str| tail.get(..tag.len()).is_some_and(|head| head.eq_ignore_ascii_case(tag));
        // Inside a code span (an odd number of backticks so far), tags are code: kept.
        let in_code = out.matches('`').count() % 2 == 1 && !starts("</code>");
        if in_code {
            out.push('<');
            rest = &tail[1..];
        } else if let Some((tag, replacement)) = TAGS.iter().find(|(tag, _)| starts(tag)) {
            out.push_str(replacement);
            rest = &tail[tag.len()..];
            if *tag == "<li>" {
                // The item's text follows its marker on the same line.
                rest = rest.trim_start();
            }
        } else if let Some((link, after)) = anchor(tail) {
            out.push_str(&link);
            rest = after;
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `<a href="https://...">text</a>` at the start of `text` as a markdown link (a relative link
/// as its text), and what follows it.
fn anchor(text: &str) -> Option<(String, &str)> {
    let head = text.get(..3)?;
    if !head.eq_ignore_ascii_case("<a ") {
        return None;
    }
    let close = text.find('>')?;
    let attributes = text.get(3..close)?;
    let href = attributes.split_once("href=")?.1;
    let quote = href.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let url = href.get(1..)?.split(quote).next()?;
    let after = text.get(close + 1..)?;
    let end = after.to_ascii_lowercase().find("</a>")?;
    let label = after.get(..end)?;
    let rest = after.get(end + 4..)?;
    let web = (url.starts_with("https://") || url.starts_with("http://"))
        && !label.is_empty()
        && !label.contains(['[', ']', '<']);
    Some((if web { format!("[{label}]({url})") } else { label.to_owned() }, rest))
}

/// For a list item line, the column where its text starts (marker plus spaces).
fn list_item_indent(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if ["- ", "* ", "+ "].iter().any(|marker| line.starts_with(marker)) {
        1
    } else if digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")) {
        digits + 1
    } else {
        return None;
    };
    let spaces = line[marker..].chars().take_while(|c| *c == ' ').count();
    // Five or more spaces would make the text a code block; CommonMark then counts one.
    Some(marker + if spaces > 4 { 1 } else { spaces })
}

/// Escapes one line of prose, keeping inline code spans as they are.
pub fn sanitize_line(line: &str) -> String {
    // One line: a line break inside (a bare `\r` above all) would not compile in a doc comment.
    let line = &line.replace(['\r', '\n'], " ");
    let mut out = String::with_capacity(line.len() + 8);
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && line.matches('`').count().is_multiple_of(2) {
            out.push_str(&part.replace('\t', " "));
            continue;
        }
        let mut rest = part;
        // Markdown links to web pages stay links; any other `[...]` is escaped, as rustdoc would
        // read it as an intra-doc link.
        while let Some((before, text, url, after)) = web_link(rest) {
            prose(before, &mut out);
            out.push('[');
            prose(text, &mut out);
            out.push_str("](");
            out.push_str(url);
            out.push(')');
            rest = after;
        }
        prose(rest, &mut out);
    }
    out
}

/// The first `[text](https://...)` in `text`: what comes before, the link text, the URL and
/// what comes after.
fn web_link(text: &str) -> Option<(&str, &str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text.get(from..)?.find('[').map(|at| at + from) {
        let after_open = text.get(open + 1..)?;
        let close = after_open.find(']')?;
        let label = after_open.get(..close)?;
        let tail = after_open.get(close + 1..)?;
        if let Some(target) = tail.strip_prefix('(')
            && !label.is_empty()
            && !label.contains('[')
            && (target.starts_with("https://") || target.starts_with("http://"))
            && let Some(end) = target.find(')')
        {
            let url = target.get(..end)?;
            if !url.contains([' ', '<', '>', '"']) {
                return Some((text.get(..open)?, label, url, target.get(end + 1..)?));
            }
        }
        from = open + 1;
    }
    None
}

/// Escapes prose: bare URLs become autolinks, `[`, `]`, `<` and `>` are escaped.
fn prose(text: &str, out: &mut String) {
    for word in split_keep(text) {
        if (word.starts_with("http://") || word.starts_with("https://")) && word.len() > 8 {
            // A URL ends where markup starts (`https://a.b/</a>`), or before closing punctuation.
            let end = word.find(['<', '>', '"', '\'']).unwrap_or(word.len());
            let url = word[..end].trim_end_matches(['.', ',', ')', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            escape(&word[url.len()..], out);
        } else {
            escape(word, out);
        }
    }
}

fn escape(text: &str, out: &mut String) {
    for character in text.chars() {
        match character {
            '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(character);
            }
            '\t' => out.push(' '),
            control if control.is_control() => {}
            other => out.push(other),
        }
    }
}

/// Splits on spaces, keeping the spaces as their own pieces.
fn split_keep(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (index, character) in s.char_indices() {
        if character == ' ' {
            if start < index {
                parts.push(&s[start..index]);
            }
            parts.push(&s[index..index + 1]);
            start = index + 1;
        }
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_stay_links() {
        assert_eq!(
            sanitize_line("See [the guide](https://a.b/g) and [x](/relative)."),
            r"See [the guide](https://a.b/g) and \[x\](/relative)."
        );
        assert_eq!(sanitize_line("[a <b>](https://a.b) [c]"), r"[a \<b\>](https://a.b) \[c\]");
        assert_eq!(sanitize_line("at http://a.b/limit/</a>."), r"at <http://a.b/limit/>\</a\>.");
    }

    #[test]
    fn escapes_links_html_and_urls() {
        assert_eq!(sanitize_line("see [x] <b> https://a.b/c."), r"see \[x\] \<b\> <https://a.b/c>.");
        assert_eq!(sanitize_line("`[keep]` [x]"), r"`[keep]` \[x\]");
    }

    #[test]
    fn fences_are_text_and_indent_is_not_code() {
        assert_eq!(sanitize("a\n```js\nx<y\n```\n    b"), "a\n```text\nx<y\n```\nb");
    }

    #[test]
    fn list_continuations_stay_in_the_item() {
        assert_eq!(sanitize("- one\ncontinued\n\nafter"), "- one\n  continued\n\nafter");
        assert_eq!(sanitize("1. one\n2. two"), "1. one\n2. two");
        assert_eq!(sanitize("*   wide\nmore"), "*   wide\n    more");
    }

    #[test]
    fn carriage_returns_are_line_breaks() {
        assert_eq!(sanitize("one\r\ntwo\r\rthree\r{"), "one\ntwo\n\nthree\n{");
        let mut out = Lines::default();
        comment(&mut out, " Selected by `a\rb`.");
        assert_eq!(out.finish(), "/// Selected by `a\n/// b`.\n");
    }

    #[test]
    fn html_breaks_are_line_breaks_and_tabs_are_spaces() {
        assert_eq!(sanitize("One.<br>Two.<BR/><br />Three.<p>Four</p>"), "One.\nTwo.\n\nThree.\n\nFour");
        assert_eq!(sanitize("<p>One.</p>\n\n<p>Two.</p>"), "One.\n\nTwo.");
        assert_eq!(
            sanitize(r#"See <a href="https://a.b/x">the docs</a> or <a href="/docs/c">Connect</a>, <code>id</code>."#),
            "See [the docs](https://a.b/x) or Connect, `id`."
        );
        assert_eq!(sanitize("<ul><li>one</li><li><b>two</b></li></ul>"), "- one\n- **two**");
        assert_eq!(sanitize("<ul>\n<li>\nMoney is\npositive.\n</li>\n</ul>"), "- Money is\n  positive.");
        assert_eq!(sanitize("<a href=broken>x"), r"\<a href=broken\>x");
        assert_eq!(sanitize("the `<b>` tag, <b>bold</b>"), "the `<b>` tag, **bold**");
        assert_eq!(sanitize("keep <b>bold</b>, not <table>"), r"keep **bold**, not \<table\>");
        assert_eq!(sanitize("a\tb `c\td`\n```\n\tcode\n```"), "a b `c d`\n```text\n    code\n```");
    }
}
