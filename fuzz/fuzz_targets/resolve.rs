//! The London authority resolver on arbitrary text: no panic, and a name it finds must be one of
//! the 33.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlight::london::{self, Resolution};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let register = london::register();
    match register.resolve(text) {
        Resolution::Found(index) => assert!(index < register.authorities().len()),
        Resolution::Ambiguous(names) => assert!(names.len() > 1),
        Resolution::Unknown { suggestion } => {
            if let Some(name) = suggestion {
                assert!(register.authorities().iter().any(|a| a.short_name == name));
            }
        }
    }
    let _ = london::normalise(text);
});
