-- 0009: captures as they came off the wire, and captures imported from WARC.
--
-- body_form says what the stored body is: 'wire' (the payload as received,
-- Content-Encoding intact, transfer coding removed) for captures made from
-- now on, 'decoded' (Content-Encoding removed by the HTTP client) for the
-- captures stored before this migration. request_head and response_head
-- are the request line and the status line with their header blocks,
-- exactly as sent and received (HTTP/1.x); NULL when they were not
-- recorded (HTTP/2, older captures). remote_ip is the address the fetch
-- was made to. warc_file, warc_offset and warc_record_id point to the WARC
-- record an imported capture came from.
ALTER TABLE captures ADD COLUMN body_form TEXT NOT NULL DEFAULT 'decoded';
ALTER TABLE captures ADD COLUMN remote_ip TEXT NOT NULL DEFAULT '';
ALTER TABLE captures ADD COLUMN request_head BLOB;
ALTER TABLE captures ADD COLUMN response_head BLOB;
ALTER TABLE captures ADD COLUMN warc_file TEXT NOT NULL DEFAULT '';
ALTER TABLE captures ADD COLUMN warc_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE captures ADD COLUMN warc_record_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX captures_warc_record ON captures(warc_record_id) WHERE warc_record_id <> '';
