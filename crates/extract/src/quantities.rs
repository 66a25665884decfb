//! quantities (being built).
