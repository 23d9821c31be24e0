//! Bytes as a compiled policy: refused with a typed error, never a panic,
//! and accepted only as exactly what the engine writes; what they were
//! compiled from (`compiled_from`) is read behind the same envelope
//! checks. The input is read
//! twice: as bytes on their own, and as edits (a truncation and byte
//! changes) to a real policy's bytes, which random bytes rarely reach.
//! With the first byte's high bit set, the edited bytes get their
//! fingerprint and checksum made again, as a forger would, so that the
//! section readers behind the checksum see every edit.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

const DIALS: [&str; 6] = [
    "00 54 11 1234 5678",
    "+1 876 555 0123",
    "1 876 555 0123",
    "9,011 44 20 7946 0000",
    "+44 909 876 5432",
    "0049 30 1234 5678",
];

fuzz_target!(|data: &[u8]| {
    let _ = accepted_only_as_written(data);
    let Some((&pick, edits)) = data.split_first() else { return };
    static POLICIES: std::sync::OnceLock<Vec<dialguard::DialPolicy>> = std::sync::OnceLock::new();
    let policies = POLICIES.get_or_init(common::policies);
    let policy = &policies[usize::from(pick & 0x7f) % policies.len()];
    let mut bytes = policy.to_bytes();
    // Pairs of (position, xor); an odd byte at the end cuts the bytes there.
    for pair in edits.chunks(2) {
        match *pair {
            [at, flip] => {
                let i = usize::from(at) * bytes.len() / 256;
                bytes[i] ^= flip;
            }
            [cut] => bytes.truncate(usize::from(cut) * bytes.len() / 256),
            _ => {}
        }
    }
    if pick & 0x80 != 0 {
        reseal(&mut bytes);
    }
    if let Ok(loaded) = accepted_only_as_written(&bytes) {
        for dial in DIALS {
            let d = loaded.check(dial);
            common::check_invariants(&loaded, &d, loaded.verdict(dial));
            // One fingerprint, one policy.
            if loaded.fingerprint() == policy.fingerprint() {
                assert_eq!(d.verdict(), policy.check(dial).verdict());
            }
        }
    }
});

fn accepted_only_as_written(bytes: &[u8]) -> Result<dialguard::DialPolicy, dialguard::ConfigError> {
    use dialguard::ConfigErrorKind::{BytesVersion, CorruptBytes, DataVersion};
    let result = dialguard::DialPolicy::from_bytes(bytes);
    // Behind the envelope's checks, as from_bytes reads them.
    let from = dialguard::DialPolicy::compiled_from(bytes);
    match (&result, from) {
        (Ok(loaded), Ok(from)) => {
            assert_eq!(loaded.to_bytes(), bytes, "accepted bytes the engine would not write");
            assert_eq!((&from.config, from.data_version.as_str()), (loaded.config(), dialguard::DATA_VERSION));
        }
        (Ok(_), Err(err)) => panic!("bytes that load, and compiled_from refuses: {err}"),
        (Err(err), from) => {
            assert!(!err.message().is_empty());
            assert!(err.kind().code().ends_with("-bytes") || err.kind().code().ends_with("-version"), "{err}");
            // Refused in the envelope: by compiled_from too, alike. (A
            // corrupt later section or another data version it may read;
            // bytes of the formats before (3, 4) it reads on, as this
            // format's envelope and configuration, and may refuse later.)
            let format_before = matches!(bytes.get(16..18), Some([3 | 4, 0]));
            match (from, err.kind()) {
                (_, BytesVersion) if format_before => {}
                (Ok(_), kind) => assert!(matches!(kind, CorruptBytes | DataVersion), "{err}"),
                (Err(_), CorruptBytes | DataVersion) => {}
                (Err(from), kind) => assert_eq!(from.kind(), kind),
            }
        }
    }
    result
}

/// FNV-1a, 64 bits, as the format's fingerprint and checksum are.
fn fnv1a(parts: &[&[u8]]) -> [u8; 8] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    h.to_le_bytes()
}

/// Makes the fingerprint (of the payload, as far as the bytes hold it) and
/// the checksum again, where the bytes are long enough to have them.
fn reseal(bytes: &mut [u8]) {
    let version = dialguard::DATA_VERSION.as_bytes();
    let at = 16 + 2 + 1 + version.len();
    let payload = at + 8 + 4;
    if bytes.len() < payload + 8 {
        return;
    }
    let end = bytes.len() - 8;
    // From format 5 the fingerprint hashes the format too.
    let format = [bytes[16], bytes[17]];
    let hashed: &[u8] = if u16::from_le_bytes(format) >= 5 { &format } else { &[] };
    let fingerprint = fnv1a(&[hashed, version, &[0], &bytes[payload..end]]);
    bytes[at..at + 8].copy_from_slice(&fingerprint);
    let checksum = fnv1a(&[&bytes[..end]]);
    bytes[end..].copy_from_slice(&checksum);
}
