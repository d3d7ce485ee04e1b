//! A bare HTTP/1.1 client on one keep-alive connection. reqwest retries a request
//! whose connection closed under it, which would hide exactly the drops the shutdown
//! tests look for; this one reports them.

use std::net::SocketAddr;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct RawConnection {
    stream: BufReader<TcpStream>,
}

/// What came back for one request.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub body: Value,
    /// The server said `Connection: close`.
    pub closes: bool,
}

/// Why a request got no answer.
#[derive(Debug)]
pub enum RawError {
    /// Writing failed: the request never left.
    NotSent,
    /// Sent, but the connection ended before an answer: a dropped request.
    NoAnswer(String),
}

impl RawConnection {
    /// # Errors
    /// When the connection is refused (the listener is closed).
    pub async fn open(address: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream: BufReader::new(stream),
        })
    }

    /// Writes the request in one go, then reads its answer.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Result<RawAnswer, RawError> {
        self.write(method, path, token, body)
            .await
            .map_err(|_| RawError::NotSent)?;
        self.read().await.map_err(RawError::NoAnswer)
    }

    async fn write(
        &mut self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> std::io::Result<()> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer {token}\r\n"
        );
        if !body.is_empty() {
            request.push_str("content-type: application/json\r\n");
        }
        request.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
        self.stream.get_mut().write_all(request.as_bytes()).await
    }

    async fn read(&mut self) -> Result<RawAnswer, String> {
        let mut line = String::new();
        let read = self.stream.read_line(&mut line).await;
        match read {
            Ok(0) => return Err("connection closed before an answer".to_owned()),
            Err(e) => return Err(e.to_string()),
            Ok(_) => {}
        }
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {line:?}"))?;
        let (mut length, mut closes) = (0usize, false);
        loop {
            let mut header = String::new();
            match self.stream.read_line(&mut header).await {
                Ok(0) => return Err("connection closed inside the headers".to_owned()),
                Err(e) => return Err(e.to_string()),
                Ok(_) => {}
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap_or((header, ""));
            let (name, value) = (name.to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse().map_err(|_| format!("bad length {value:?}"))?;
            } else if name == "connection" {
                closes = value.eq_ignore_ascii_case("close");
            }
        }
        let mut body = vec![0; length];
        self.stream
            .read_exact(&mut body)
            .await
            .map_err(|e| e.to_string())?;
        Ok(RawAnswer {
            status,
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
            closes,
        })
    }
}
