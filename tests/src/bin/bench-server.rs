//! The local server of the call benchmarks (`tests/benches/sdk.rs`, and the Python SDK's calls
//! in `cargo xtask bench`): a keep-alive HTTP/1.1 server on 127.0.0.1 answering every request
//! with the body read from `BODY_FILE`.
//!
//!     bench-server BODY_FILE
//!
//! Prints `PORT <n>` on stdout, then serves until stdin closes, so it never outlives the process
//! that started it. It is a process of its own so that the client's CPU time can be read from
//! the client's process alone; one blocking thread per connection keeps it to one read and one
//! write per request, so it is not what limits the calls per second (the bench measures its
//! capacity with a raw load beside the client's figures).

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::{env, fs, process, thread};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [body_file] = args.as_slice() else {
        eprintln!("usage: bench-server BODY_FILE");
        process::exit(2);
    };
    let body = fs::read(body_file).unwrap_or_else(|e| {
        eprintln!("bench-server: cannot read {body_file}: {e}");
        process::exit(1);
    });
    let mut reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    reply.extend_from_slice(&body);
    let reply: Arc<[u8]> = reply.into();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| {
        eprintln!("bench-server: cannot bind 127.0.0.1: {e}");
        process::exit(1);
    });
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    println!("PORT {port}");
    let _ = io::stdout().flush();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let reply = Arc::clone(&reply);
            thread::spawn(move || serve(stream, &reply));
        }
    });
    let _ = io::stdin().read_to_end(&mut Vec::new());
}

/// Answers each request on one connection: headers, then `Content-Length` bytes of body.
fn serve(mut stream: TcpStream, reply: &[u8]) {
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(16 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let mut scanned = 0;
        let (end, length) = loop {
            if let Some(at) = find(&buffer[scanned..], b"\r\n\r\n") {
                let end = scanned + at + 4;
                break (end, content_length(&buffer[..end]));
            }
            scanned = buffer.len().saturating_sub(3);
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        while buffer.len() < end + length {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..end + length);
        if stream.write_all(reply).is_err() {
            return;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .find_map(|line| {
            let (name, value) = line.split_at(line.iter().position(|&b| b == b':')?);
            name.eq_ignore_ascii_case(b"content-length")
                .then(|| std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
}
