//! topics (being built).
