//! The texts mutations start from: the articles of a folder (corpus/ by default) and a few
//! invented ones that pack the layouts and quotation shapes the stages treat specially.

use std::path::Path;

use newsx::read::{list_sources, Article, ArticleStream, Input};

/// Invented for the harness: datelines, bylines, boilerplate, every quotation style, titles,
/// abbreviations, ellipses and lists.
const INVENTED: &[&str] = &[
    "Tide gauges fail along the coast\n\nBy Mirela Dunst and Oskar Feld\n\nHALVERSTON (Reuters) — \
     Three tide gauges stopped reporting on Tuesday, the port authority said.\n\n“We lost the \
     northern pier first,” said Harbour Master Ines Calloway. “Then the rest went quiet…”\n\n\
     Calloway said that crews would replace the sensors by Friday.\n\nFollow\nShare",
    "Gov. Rhea Tamsin told reporters the plan was “not dead, merely resting.” She added: \
     'We will return to it in the spring.' Sen. Abel Norcross, R-Ore., disagreed. \"It's \
     finished,\" he said. \"Done.\"\n\nMr. Norcross spoke at 9 a.m. ET on Jan. 4 at No. 10 \
     Quay St. in the U.S. capital.",
    "«Nous restons ici», a déclaré Solène Marchetti, porte-parole du syndicat. „Wir bleiben“, \
     sagte Jörg Halm. ‘Stay,’ wrote the editor, ‘or go.’ 「残ります」と田中は言った。",
    "“She said, ‘He told me “never” twice,’ and then she left,” recalled Dr. Piet Vandam, a \
     surgeon at St. Agnes Hospital. . . . Asked why, he said: “Because . . . well.”",
    "The ministry — which declined to comment — said (in a statement) that: 1. fares rise; \
     2. routes close; 3. staff move. According to the union, that was “unacceptable”. \
     Officials said.... Then nothing. Wait... . Really? Yes! Ok.",
    "Yahoo! announced results. Prof. Dr. Lena Osterberg-Quaid, the company's chief executive \
     officer, said the U.K. unit grew 4.5 per cent. \"Growth,\" she said, \"is growth.\" \
     Asked about Mr. O'Neil's exit, she said she \"wished him well\".\r\n\r\nPhoto: Tam Roe",
    "\"Why?\" Smith asked. \"Because,\" Jones replied. \"Who knows?!\" said one resident, who \
     asked not to be named. A spokesperson for Northwind Ltd. said it \"does not comment on \
     rumours\". Police said a man, 34, was arrested.",
];

/// The seed texts: the articles newsx reads from `dir` (any input format, in its sorted order, so
/// runs are reproducible) and the invented ones.
pub fn load(dir: &Path) -> Vec<String> {
    let sources = list_sources(&[Input::Path(dir.to_path_buf())]).unwrap_or_default();
    let mut out: Vec<String> = ArticleStream::new(sources, 8 << 20)
        .filter_map(|a| a.and_then(Article::complete).ok())
        .map(|a| a.text)
        .collect();
    out.extend(INVENTED.iter().map(|s| s.to_string()));
    out
}
