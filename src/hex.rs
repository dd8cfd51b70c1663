//! Bytes as lower-case hexadecimal, as the consent file and the log write digests and ids.

pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `sha256:<hex>`, the form of every digest kiosk-consent writes.
pub fn sha256_label(digest: &[u8]) -> String {
    format!("sha256:{}", encode(digest))
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_lower_case_with_leading_zeros() {
        assert_eq!(super::encode(&[0x00, 0x0f, 0xab]), "000fab");
        assert_eq!(super::sha256_label(&[1]), "sha256:01");
    }
}
