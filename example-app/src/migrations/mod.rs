//! The app's revisions, one file each.
