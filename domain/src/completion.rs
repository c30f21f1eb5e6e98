//! Completion rules. (Stub: being written.)
