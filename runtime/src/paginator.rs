//! Paged listings as streams: a generated `…_pages` method builds a [`Paginator`] that sends
//! the action again with the next offset or page number until the listing is exhausted.
//!
//! Each page is an ordinary call through the client, so retries and the client-side rate
//! limit apply to every page. A failed page ends the stream after yielding the error; the
//! pages (and items) yielded before it stay yielded.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::codec::{Decode, Encode};
use futures_core::Stream;

use crate::client::{Client, ResponseFuture};
use crate::error::Error;
use crate::error_code::ErrorCode;
use crate::service::{ActionInfo, ServiceInfo};

/// How an action pages through its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageScheme {
    /// `Offset` (items to skip) and `Limit`: the offset advances by the items received.
    Offset,
    /// A page number (1-based unless the request starts elsewhere) and a page size.
    PageNumber,
}

/// What a page holds, read by generated code from a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// Items on this page.
    pub items: usize,
    /// Items in the whole listing, if the response says (`TotalCount`).
    pub total: Option<u64>,
}

/// How generated code reads and steers one paged action.
pub struct PagingSpec<I, O, T> {
    pub scheme: PageScheme,
    /// The request's current position (offset or page number) and page size, if set.
    pub position: fn(&I) -> (Option<u64>, Option<u64>),
    /// Sets the position of the next request.
    pub set_position: fn(&mut I, u64),
    pub page_info: fn(&O) -> PageInfo,
    /// Takes a page's items out of its response.
    pub into_items: fn(O) -> Vec<T>,
}

impl<I, O, T> Clone for PagingSpec<I, O, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O, T> Copy for PagingSpec<I, O, T> {}

/// The pages of a paged action, as a [`Stream`] of responses; [`items`](Self::items) flattens
/// them. Also usable without a stream library: `while let Some(page) = pages.next().await`.
pub struct Paginator<I, O, T, C: ErrorCode> {
    client: Client,
    service: &'static ServiceInfo,
    action: &'static ActionInfo,
    request: I,
    spec: PagingSpec<I, O, T>,
    /// Items received so far.
    fetched: u64,
    in_flight: Option<ResponseFuture<O, C>>,
    done: bool,
}

impl<I, O, T, C> Paginator<I, O, T, C>
where
    I: Encode + Unpin,
    O: Decode + Send + 'static,
    C: ErrorCode,
{
    /// Starts at the request's own position (or the first page).
    pub fn new(
        client: Client,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        request: I,
        spec: PagingSpec<I, O, T>,
    ) -> Self {
        Paginator {
            client,
            service,
            action,
            request,
            spec,
            fetched: 0,
            in_flight: None,
            done: false,
        }
    }

    /// The next page, or `None` once the listing is exhausted or a page failed.
    pub async fn next(&mut self) -> Option<Result<O, Error<C>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<I, O, T, C> {
        Items {
            pages: self,
            buffer: VecDeque::new(),
        }
    }

    /// Whether the page just received ends the listing; moves the request to the next page.
    fn advance(&mut self, info: PageInfo) -> bool {
        let (position, size) = (self.spec.position)(&self.request);
        self.fetched += info.items as u64;
        let exhausted = info.items == 0
            || info.total.is_some_and(|total| self.fetched >= total)
            || size.is_some_and(|size| (info.items as u64) < size);
        if exhausted {
            return true;
        }
        let next = match self.spec.scheme {
            PageScheme::Offset => position.unwrap_or(0) + info.items as u64,
            PageScheme::PageNumber => position.unwrap_or(1) + 1,
        };
        (self.spec.set_position)(&mut self.request, next);
        false
    }
}

impl<I, O, T, C> Stream for Paginator<I, O, T, C>
where
    I: Encode + Unpin,
    O: Decode + Send + 'static,
    C: ErrorCode,
{
    type Item = Result<O, Error<C>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let future = this
            .in_flight
            .get_or_insert_with(|| this.client.call(this.service, this.action, &this.request));
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        match result {
            Ok(page) => {
                let info = (this.spec.page_info)(&page);
                this.done = this.advance(info);
                Poll::Ready(Some(Ok(page)))
            }
            Err(e) => {
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
        }
    }
}

/// The items of a [`Paginator`], page after page.
pub struct Items<I, O, T, C: ErrorCode> {
    pages: Paginator<I, O, T, C>,
    buffer: VecDeque<T>,
}

impl<I, O, T, C> Items<I, O, T, C>
where
    I: Encode + Unpin,
    O: Decode + Send + 'static,
    T: Unpin,
    C: ErrorCode,
{
    /// The next item, or `None` once the listing is exhausted or a page failed.
    pub async fn next(&mut self) -> Option<Result<T, Error<C>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<I, O, T, C> Stream for Items<I, O, T, C>
where
    I: Encode + Unpin,
    O: Decode + Send + 'static,
    T: Unpin,
    C: ErrorCode,
{
    type Item = Result<T, Error<C>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => this.buffer.extend((this.pages.spec.into_items)(page)),
            }
        }
    }
}
