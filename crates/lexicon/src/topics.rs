//! Topic cues: words and phrases that mark each topic of reference/topics.md (data/topics.tsv).
