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

#[test]
fn pathologically_deep_nesting_is_refused_before_the_quadratic_tree_builder_runs() {
    let deep = format!(
        "<p>Start.</p>{}<p>Deep.</p>{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let page = Page {
        bytes: deep.into_bytes(),
        rules: Arc::new(HtmlRules::builtin()),
    };
    assert_eq!(page.extract().unwrap_err().0, "too_deep");
    // Unclosed paragraphs and list items, as old pages write them, are not depth.
    let flat = format!("<ul>{}</ul>", "<li><p>Item, said one.".repeat(10_000));
    assert!(nesting_depth(&flat) < 5, "{}", nesting_depth(&flat));
    assert_eq!(nesting_depth("<div><span>a</span><br><img src=x></div>"), 2);
}

#[test]
fn a_page_with_no_story_gives_no_text_not_its_title() {
    let (text, meta) = page("<html><head><title>Only a title</title></head><body><nav><a href=/>Home</a></nav></body></html>");
    assert_eq!(text, "");
    assert_eq!(meta["title"], "Only a title");
}
