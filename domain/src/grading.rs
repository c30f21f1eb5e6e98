//! Grading. (Stub: being written.)
