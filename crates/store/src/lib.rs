//! attache-store (placeholder until its stage lands).
