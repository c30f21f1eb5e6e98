//! Reading `content/` into a catalog. (Stub: being written.)
