//! r34 `5939a45f6c19`: the analytics line joins the main line.

retort::migration! {
    /// Merge the analytics branch into the main line
    revision: "5939a45f6c19",
    parents: ["82742dad95d5", "29e7a574e33d"],
    up {}
}
