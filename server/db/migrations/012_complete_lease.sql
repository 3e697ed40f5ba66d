-- One complete at a time per recording, across every instance: whoever holds the lease assembles, repairs
-- and stores the media; concurrent completes wait for its result instead of assembling a copy each. A lease
-- whose holder died (a crash mid-complete) expires and can be claimed again.

alter table recordings add column completing_until timestamptz;

alter table recordings add column completing_token text;
