//! Speaker names as the shared scorer compares them: folded words, titles before a name, the head
//! of a gold source with an appositive, and whether a name is written bare.

use std::collections::HashSet;

const DETS: [&str; 7] = ["a", "an", "the", "this", "that", "these", "those"];
const PRONOUNS: [&str; 14] = [
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its", "who",
];
/// Courtesy titles and offices the scorer folds away before a name (`score.py`'s `TITLES`).
const TITLES: [&str; 43] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "gen",
    "general",
    "col",
    "lt",
    "capt",
    "adm",
    "rev",
    "judge",
    "justice",
    "mayor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "speaker",
    "chairman",
    "chairwoman",
    "chief",
    "ambassador",
    "former",
];
/// Lower-case words that may stand in a bare name (`score.py`'s `PARTICLES`).
const PARTICLES: [&str; 24] = [
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
    "bin", "bint", "ibn", "al", "el", "la", "le", "y", "e", "st",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Lower-cased words without accents, articles and possessives.
pub fn fold(s: &str) -> Vec<String> {
    let lower: String = s
        .chars()
        .flat_map(fold_accent)
        .collect::<String>()
        .to_lowercase();
    // a possessive at a word's end goes, as the scorer's `[’']s\b` does
    let chars: Vec<char> = lower.chars().collect();
    let mut kept = String::with_capacity(lower.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '’' | '\'')
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|&c| is_word_char(c))
        {
            i += 2;
            continue;
        }
        kept.push(chars[i]);
        i += 1;
    }
    kept.split(|c: char| !(is_word_char(c) || c == '.' || c == '-'))
        .filter(|t| !t.is_empty() && !DETS.contains(t))
        .map(|t| t.trim_matches(|c| c == '.' || c == '-').to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Strips Latin-1 and Latin Extended-A accents (the scorer uses NFKD; these are the letters news uses).
fn fold_accent(c: char) -> Option<char> {
    const FROM: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ";
    const TO: &str = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    Some(
        FROM.chars()
            .position(|f| f == c)
            .map_or(c, |i| TO.chars().nth(i).unwrap()),
    )
}

fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// `fold` without the titles and offices written before a name (`Ms. Okafor` = `Grace Okafor`).
fn fold_name(s: &str) -> Vec<String> {
    let mut toks = fold(s);
    while toks.len() > 1 && is_title(&toks[0]) {
        toks.remove(0);
    }
    toks
}

/// Byte offset of `needle` in `s` as a whole word (`\bneedle\b`), if any.
fn find_word(s: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(needle).map(|i| i + from) {
        let before = s[..i].chars().next_back().is_some_and(is_word_char);
        let after = s[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(is_word_char);
        if !before && !after {
            return Some(i);
        }
        from = i + needle.len();
    }
    None
}

/// A gold source and the name at its head: `Sen. Mara Lind (D-Ore.), the ranking member` also
/// counts as `Sen. Mara Lind`.
pub fn heads(name: &str) -> Vec<String> {
    let cut = [
        name.find(','),
        name.find('('),
        name.find("-LRB-"),
        find_word(name, "of the"),
        find_word(name, "who"),
    ]
    .into_iter()
    .flatten()
    .min();
    let mut out = vec![name.to_string()];
    if let Some(i) = cut {
        let head = name[..i].trim();
        if !head.is_empty() && head != name {
            out.push(head.to_string());
        }
    }
    out
}

/// Written as a proper name alone: every word capitalised or a name particle, no title first.
pub fn bare_name(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if fold(first).first().is_some_and(|w| is_title(w)) {
        return false;
    }
    words.iter().all(|w| {
        let c = w.chars().next().unwrap_or(' ');
        let lower = w.to_lowercase();
        c.is_uppercase() || !c.is_alphabetic() || PARTICLES.contains(&lower.as_str())
    })
}

/// A right speaker written as a name, not a phrase, where the gold speaker is a bare proper name.
pub fn clean_name(pred: &str, gold: &[String]) -> bool {
    if !gold.iter().flat_map(|g| heads(g)).any(|h| bare_name(&h)) {
        return true; // a description is judged by `name_match` alone
    }
    bare_name(pred)
}

pub fn name_match(pred: &str, gold: &[String]) -> bool {
    let p = fold_name(pred);
    if p.is_empty() || (p.len() == 1 && PRONOUNS.contains(&p[0].as_str())) {
        return false;
    }
    let ps: HashSet<&String> = p.iter().collect();
    gold.iter().flat_map(|g| heads(g)).any(|g| {
        let q = fold_name(&g);
        if q.is_empty() {
            return false;
        }
        let qs: HashSet<&String> = q.iter().collect();
        if p == q || (p.last() == q.last() && (ps.is_subset(&qs) || qs.is_subset(&ps))) {
            return true;
        }
        let (pl, ql) = (p.last().unwrap(), q.last().unwrap());
        let pi: HashSet<&String> = p[..p.len() - 1].iter().collect();
        let qi: HashSet<&String> = q[..q.len() - 1].iter().collect();
        pl.trim_end_matches('s') == ql.trim_end_matches('s')
            && (pi.is_subset(&qi) || qi.is_subset(&pi))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn names_match_as_the_scorer_matches_them() {
        assert!(name_match("Valaitis", &g(&["Giedre Valaitis"])));
        assert!(name_match("the official", &g(&["a senior official"])));
        assert!(name_match("officials", &g(&["six European officials"])));
        assert!(name_match("Ana Lukić", &g(&["Ana Lukic"])));
        assert!(!name_match("he", &g(&["he"])));
        assert!(!name_match("Smith", &g(&["Giedre Valaitis"])));
    }

    #[test]
    fn titles_before_a_name_fold_away() {
        assert!(name_match("Ms. Okafor", &g(&["Grace Okafor"])));
        assert!(name_match("Grace Okafor", &g(&["Gov. Grace Okafor"])));
        // a title alone is still a word to match, not nothing
        assert!(!name_match("Senator", &g(&["Grace Okafor"])));
    }

    #[test]
    fn a_gold_source_with_an_appositive_counts_by_its_head() {
        assert_eq!(
            heads("Sen. Mara Lind (D-Ore.), the ranking member"),
            [
                "Sen. Mara Lind (D-Ore.), the ranking member",
                "Sen. Mara Lind"
            ]
        );
        assert_eq!(
            heads("the director of the Harbour Trust"),
            ["the director of the Harbour Trust", "the director"]
        );
        assert_eq!(heads("Mary Whotton"), ["Mary Whotton"]);
        assert!(name_match(
            "Mara Lind",
            &g(&["Sen. Mara Lind, the ranking member"])
        ));
    }

    #[test]
    fn clean_names_are_bare_names() {
        assert!(bare_name("Tomas Brandt"));
        assert!(bare_name("Karin de Bruin"));
        assert!(!bare_name("director of the Harbour Trust Tomas Brandt"));
        assert!(!bare_name("Gov. Paula Kemp"));
        assert!(!bare_name(""));
        assert!(clean_name("Tomas Brandt", &g(&["Tomas Brandt"])));
        assert!(!clean_name("crew member Lena Varga", &g(&["Lena Varga"])));
        // a described source is judged by the match alone
        assert!(clean_name("the official", &g(&["a senior official"])));
    }
}
