"""A newsroom's team work on comparisons: who is assigned what (queues), and the
second stage after review, approval by an approver who is not the reviewer."""
