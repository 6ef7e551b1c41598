//! What of a response body is read, never more than a limit, gzip decompressed as it arrives.

use std::io::{self, Write};

use bytes::Bytes;
use flate2::write::GzDecoder;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH};
use http::{HeaderMap, StatusCode};

use crate::client::failure::Failure;
use crate::excerpt;

/// What a status needs of the body: a result's all of it (up to the client's limit), an error
/// status only an excerpt, and a redirect nothing (it is reported, never followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::client) enum Wanted {
    All { limit: u64 },
    Excerpt,
    Nothing,
}

impl Wanted {
    pub(in crate::client) fn for_status(status: StatusCode, limit: u64) -> Wanted {
        if status == StatusCode::OK {
            Wanted::All { limit }
        } else if status.is_redirection() {
            Wanted::Nothing
        } else {
            Wanted::Excerpt
        }
    }
}

/// The body as it arrives: stored, or decompressed into storage when the response is gzip,
/// within the limit of what was [`Wanted`] (applied to the decompressed bytes, so a
/// decompression bomb stops at the limit too).
pub(super) struct Sink {
    wanted: Wanted,
    inflate: Option<GzDecoder<Limited>>,
    plain: Limited,
    /// A whole plain body that arrived as one chunk (a small reply does), kept as received:
    /// no copy, and no allocation of its own.
    single: Option<Bytes>,
    /// What to reserve once a second chunk shows the body is not in one piece.
    capacity: usize,
}

/// Storage that refuses to grow past `limit` (an excerpt keeps its first `limit` bytes and
/// then says it is full).
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
    truncate: bool,
}

impl Write for Limited {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.limit - self.bytes.len();
        if data.len() > room {
            if !self.truncate || room == 0 {
                return Err(io::Error::other(Full));
            }
            self.bytes.extend_from_slice(&data[..room]);
            return Ok(room);
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The marker of a [`Limited`] that is full.
#[derive(Debug)]
struct Full;

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("body limit reached")
    }
}

impl std::error::Error for Full {}

/// What [`Sink::push`] says of the body so far.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Progress {
    /// Give it more.
    More,
    /// An excerpt is complete: the rest need not be read.
    Enough,
}

impl Sink {
    /// A sink for a response with these headers, or `TooLarge` when the announced length
    /// already exceeds the limit.
    pub(super) fn new(wanted: Wanted, headers: &HeaderMap) -> Result<Sink, Failure> {
        let (limit, truncate) = match wanted {
            Wanted::All { limit } => (usize::try_from(limit).unwrap_or(usize::MAX), false),
            Wanted::Excerpt => (excerpt::MAX_BYTES, true),
            Wanted::Nothing => (0, true),
        };
        let gzip = headers
            .get(CONTENT_ENCODING)
            .is_some_and(|v| v.as_bytes().trim_ascii().eq_ignore_ascii_case(b"gzip"));
        let announced = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let (Wanted::All { limit }, false, Some(announced)) = (wanted, gzip, announced) {
            if announced > limit {
                return Err(Failure::TooLarge { limit });
            }
        }
        // Trust the announcement for the first allocation only up to 1 MiB.
        let capacity = announced
            .filter(|_| !gzip)
            .map_or(0, |n| usize::try_from(n.min(1 << 20)).unwrap_or(0))
            .min(limit);
        let plain = Limited {
            bytes: Vec::new(),
            limit,
            truncate,
        };
        Ok(if gzip {
            Sink {
                wanted,
                inflate: Some(GzDecoder::new(plain)),
                plain: Limited {
                    bytes: Vec::new(),
                    limit: 0,
                    truncate,
                },
                single: None,
                capacity,
            }
        } else {
            Sink {
                wanted,
                inflate: None,
                plain,
                single: None,
                capacity,
            }
        })
    }

    /// Takes one chunk of the body as received.
    pub(super) fn push(&mut self, chunk: Bytes) -> Result<Progress, Failure> {
        if let (None, Wanted::All { limit }) = (&self.inflate, self.wanted) {
            if self.plain.bytes.is_empty() && self.single.is_none() {
                if chunk.len() as u64 > limit {
                    return Err(Failure::TooLarge { limit });
                }
                self.single = Some(chunk);
                return Ok(Progress::More);
            }
            if let Some(first) = self.single.take() {
                self.plain.bytes.reserve(self.capacity.max(first.len() + chunk.len()));
                self.plain.bytes.extend_from_slice(&first);
            }
        }
        let written = match &mut self.inflate {
            // An excerpt is judged by what has decompressed so far, which the decoder holds
            // back until flushed.
            Some(inflate) if !matches!(self.wanted, Wanted::All { .. }) => {
                inflate.write_all(&chunk).and_then(|()| inflate.flush())
            }
            Some(inflate) => inflate.write_all(&chunk),
            None => self.plain.write_all(&chunk),
        };
        match written {
            Ok(()) if self.is_full() => Ok(Progress::Enough),
            Ok(()) => Ok(Progress::More),
            Err(e) => self.stopped(e),
        }
    }

    /// The body, once it ended.
    pub(super) fn finish(self) -> Result<Bytes, Failure> {
        if let Some(single) = self.single {
            return Ok(single);
        }
        match self.inflate {
            Some(mut inflate) => {
                let finished = inflate.try_finish();
                let bytes = std::mem::take(&mut inflate.get_mut().bytes);
                match finished.map_err(|e| stop(self.wanted, e)) {
                    Err(Some(failure)) => Err(failure),
                    Ok(()) | Err(None) => Ok(bytes.into()),
                }
            }
            None => Ok(self.plain.bytes.into()),
        }
    }

    /// What arrived so far, for an excerpt whose body failed or was cut short.
    pub(super) fn partial(self) -> Bytes {
        match self.inflate {
            Some(inflate) => inflate.get_ref().bytes.clone().into(),
            None => self.plain.bytes.into(),
        }
    }

    fn is_full(&self) -> bool {
        if !matches!(self.wanted, Wanted::Excerpt | Wanted::Nothing) {
            return false;
        }
        let stored = match &self.inflate {
            Some(inflate) => inflate.get_ref(),
            None => &self.plain,
        };
        stored.bytes.len() >= stored.limit
    }

    fn stopped(&self, e: io::Error) -> Result<Progress, Failure> {
        match stop(self.wanted, e) {
            Some(failure) => Err(failure),
            None => Ok(Progress::Enough),
        }
    }
}

/// What a write that stopped means: the whole body over its limit or not decompressing is a
/// failure; an excerpt just stops, at its limit or where the compressed text goes wrong.
fn stop(wanted: Wanted, e: io::Error) -> Option<Failure> {
    let full = e.get_ref().is_some_and(|inner| inner.is::<Full>());
    match (wanted, full) {
        (Wanted::All { limit }, true) => Some(Failure::TooLarge { limit }),
        (Wanted::All { .. }, false) => Some(corrupt_gzip(e)),
        _ => None,
    }
}

/// A gzip body that does not decompress: the reply was damaged on the way, as a cut
/// connection damages it, so it is a transport failure after sending.
fn corrupt_gzip(e: io::Error) -> Failure {
    use crate::error::{TransportError, TransportKind};
    Failure::Transport(TransportError::new(
        TransportKind::Other,
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the gzip body does not decompress: {e}"),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(http::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(n, v)| (n.clone(), HeaderValue::from_str(v).unwrap()))
            .collect()
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_whole_body_is_kept_up_to_the_limit() {
        let mut sink = Sink::new(Wanted::All { limit: 6 }, &HeaderMap::new()).unwrap();
        assert_eq!(sink.push(Bytes::from_static(b"abc")).unwrap(), Progress::More);
        assert_eq!(sink.push(Bytes::from_static(b"def")).unwrap(), Progress::More);
        assert_eq!(sink.finish().unwrap(), &b"abcdef"[..]);
        let mut sink = Sink::new(Wanted::All { limit: 5 }, &HeaderMap::new()).unwrap();
        sink.push(Bytes::from_static(b"abc")).unwrap();
        assert!(matches!(
            sink.push(Bytes::from_static(b"def")),
            Err(Failure::TooLarge { limit: 5 })
        ));
    }

    #[test]
    fn an_announced_length_over_the_limit_fails_before_reading() {
        let announced = headers(&[(CONTENT_LENGTH, "7")]);
        assert!(matches!(
            Sink::new(Wanted::All { limit: 6 }, &announced),
            Err(Failure::TooLarge { limit: 6 })
        ));
        assert!(Sink::new(Wanted::Excerpt, &announced).is_ok());
    }

    #[test]
    fn gzip_is_decompressed_and_the_limit_counts_decompressed_bytes() {
        let gz = headers(&[(CONTENT_ENCODING, "gzip")]);
        let body = gzip(&[b'x'; 10_000]);
        let mut sink = Sink::new(Wanted::All { limit: 10_000 }, &gz).unwrap();
        for chunk in body.chunks(7) {
            assert_eq!(sink.push(Bytes::copy_from_slice(chunk)).unwrap(), Progress::More);
        }
        assert_eq!(sink.finish().unwrap(), vec![b'x'; 10_000]);
        let mut sink = Sink::new(Wanted::All { limit: 9_999 }, &gz).unwrap();
        let failed = body
            .chunks(7)
            .map(|c| sink.push(Bytes::copy_from_slice(c)))
            .find_map(Result::err);
        assert!(matches!(failed, Some(Failure::TooLarge { limit: 9_999 })));
        let mut sink = Sink::new(Wanted::All { limit: 100 }, &gz).unwrap();
        assert!(matches!(
            sink.push(Bytes::from_static(b"not gzip at all")),
            Err(Failure::Transport(_))
        ));
    }

    #[test]
    fn an_excerpt_stops_at_its_size_plain_or_gzip() {
        let long = vec![b'e'; excerpt::MAX_BYTES * 3];
        let mut sink = Sink::new(Wanted::Excerpt, &HeaderMap::new()).unwrap();
        assert_eq!(sink.push(Bytes::from(long.clone())).unwrap(), Progress::Enough);
        assert_eq!(sink.finish().unwrap().len(), excerpt::MAX_BYTES);
        let gz = headers(&[(CONTENT_ENCODING, "gzip")]);
        let mut sink = Sink::new(Wanted::Excerpt, &gz).unwrap();
        assert_eq!(sink.push(Bytes::from(gzip(&long))).unwrap(), Progress::Enough);
        assert_eq!(sink.partial().len(), excerpt::MAX_BYTES);
    }
}
