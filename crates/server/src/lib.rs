//! attache-server (placeholder until its stage lands).
