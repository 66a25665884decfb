//! dates (being built).
