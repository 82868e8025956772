//! The Local Offer app's entry point: Trunk builds this binary to WASM.

fn main() {
    local_offer::start();
}
