use super::*;

fn page(html: &str) -> (String, Map<String, serde_json::Value>) {
    extract(html, &HtmlRules::builtin())
}

#[test]
fn paragraphs_come_from_blocks_not_from_source_line_breaks() {
    let (text, _) = page(
        "<html><body><article><p>One sentence\n   wrapped in the source.</p>\
         <p>Two<br>lines &amp; more.</p><ul><li>Item</li></ul></article></body></html>",
    );
    assert_eq!(
        text,
        "One sentence wrapped in the source.\nTwo\nlines & more.\nItem"
    );
}

#[test]
fn declared_windows_1252_is_decoded_and_undeclared_latin1_refused() {
    let bytes = b"<meta charset=\"windows-1252\"><p>caf\xe9 \x93yes\x94</p>";
    assert_eq!(
        decode_page(bytes).unwrap(),
        "<meta charset=\"windows-1252\"><p>café “yes”</p>"
    );
    assert_eq!(
        decode_page(b"<p>caf\xe9</p>").unwrap_err().0,
        "invalid_utf8"
    );
    assert_eq!(
        decode_page(b"<meta charset=shift_jis><p>\x82\xa0</p>")
            .unwrap_err()
            .0,
        "unsupported_encoding"
    );
}
