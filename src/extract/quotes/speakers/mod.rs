//! Who is quoted: the grammar of speaker phrases (`phrase`), their resolution to people and
//! organisations named earlier in the article (`coref`), and one summary row per speaker
//! (`summary`); the organisation a title names (`org`). Imports nothing from the attribution patterns that call it.

mod coref;
mod org;
mod phrase;
mod summary;

pub use coref::{canonical, CorefWords, Genders, Resolver, WordSet};
pub use org::{org_in_title, EntityNames, OrgWords};
pub use phrase::{analyse, Form, Np};
pub use summary::{summarise, SpeakerSummary};
