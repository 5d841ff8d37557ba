//! One file of the built site, as the stages that make files (render, search) hand it to those
//! that keep or serve it (output, serve). A leaf module, so that search need not depend on render
//! to name what it makes.

/// One file of the built site: its `/`-separated path under the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}
