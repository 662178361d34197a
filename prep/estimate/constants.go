package estimate

import "strconv"

// Constant is a figure of the reference card, insertable as a row.
type Constant struct {
	Group string
	Title string // what the card calls it: "SSD random read"
	Row   Row
	Note  string // where the figure comes from, or how it varies
}

// Constants are the figures a senior IC would expect a candidate to know to within a factor of
// two. Latencies follow Jeff Dean's "numbers everyone should know" as updated for current
// hardware (Colin Scott's interactive table); throughputs are planning figures, not ceilings.
var Constants = []Constant{
	{"Time", "Seconds in a day", Row{"seconds_per_day", "86,400 s"}, "24 × 3,600: about 100 k, so 1 M a day is about 12 a second"},
	{"Time", "Seconds in a month", Row{"seconds_per_month", "1 month"}, "2.6 M s: a twelfth of a 365-day year"},
	{"Time", "Seconds in a year", Row{"seconds_per_year", "1 year"}, "31.5 M s (365 days): about π × 10⁷"},

	{"Latency", "L1 cache reference", Row{"l1_cache_ref", "1 ns"}, "L1 cache reference, 0.5 to 1 ns"},
	{"Latency", "Main memory reference", Row{"main_memory_ref", "100 ns"}, "main memory reference"},
	{"Latency", "SSD random read", Row{"ssd_random_read", "100 µs"}, "4 KB random read from an SSD: NVMe 20 to 100 µs, a cloud volume up to 1 ms"},
	{"Latency", "Read 1 MB from an SSD", Row{"read_1mb_ssd", "1 ms"}, "read 1 MB sequentially from an SSD (NVMe: a quarter of that)"},
	{"Latency", "Disk seek", Row{"disk_seek", "10 ms"}, "spinning disk seek"},
	{"Latency", "Round trip in one datacentre", Row{"same_dc_round_trip", "500 µs"}, "round trip within one datacentre (one cloud zone: 100 to 500 µs)"},
	{"Latency", "Round trip across zones", Row{"cross_zone_round_trip", "1 ms"}, "round trip between zones of one cloud region"},
	{"Latency", "Round trip across a continent and an ocean", Row{"cross_continent_round_trip", "150 ms"}, "California to the Netherlands and back"},

	{"Throughput", "One SSD, sequential read", Row{"ssd_read_throughput", "3 GB/s"}, "one NVMe SSD, sequential read (a SATA SSD: 550 MB/s)"},
	{"Throughput", "One SSD, random reads", Row{"ssd_random_iops", "500 k iops"}, "one NVMe SSD, 4 KB random reads"},
	{"Throughput", "A cloud volume's IOPS", Row{"cloud_volume_iops", "3,000 iops"}, "AWS gp3 baseline: 3,000 IOPS and 125 MB/s, more bought separately"},
	{"Throughput", "A 10 Gbit NIC", Row{"nic_10gbit", "10 Gbit/s"}, "a 10 Gbit NIC: 1.25 GB/s, about 1 GB/s usable"},
	{"Throughput", "A Postgres primary's writes", Row{"postgres_primary_writes", "10 k writes/s"}, "small single-row inserts on one well-sized primary; 1 k to 50 k by row size, indexes and fsync"},
	{"Throughput", "A Postgres replica's reads", Row{"postgres_replica_reads", "50 k reads/s"}, "indexed point reads per replica, mostly from memory"},
	{"Throughput", "A Redis instance", Row{"redis_ops", "100 k ops/s"}, "one Redis instance (one core), small keys"},
	{"Throughput", "A Kafka partition's writes", Row{"kafka_partition", "10 MB/s"}, "writes per Kafka partition, a common sizing figure (brokers: hundreds of MB/s)"},
	{"Throughput", "An app instance's requests", Row{"app_instance_rps", "1 k req/s"}, "one app instance doing I/O-bound handlers; CPU-heavy ones far fewer"},

	{"Sizes", "A UUID", Row{"uuid_size", "16 B"}, "a UUID, binary"},
	{"Sizes", "A timestamp", Row{"timestamp_size", "8 B"}, "a 64-bit timestamp"},
	{"Sizes", "A short post", Row{"tweet_size", "300 B"}, "a short text post with its metadata"},
	{"Sizes", "A photo", Row{"photo_size", "2 MB"}, "a phone photo, compressed"},

	{"Cost", "Object storage price", Row{"s3_storage_price", "$0.023/GB/month"}, "AWS S3 Standard, first 50 TB a month, us-east-1"},
	{"Cost", "Internet egress price", Row{"egress_price", "$0.09/GB"}, "AWS data transfer out to the internet, first 10 TB a month"},

	{"Availability", "Three nines", Row{"three_nines", "99.9 %"}, "43.8 minutes down a month"},
	{"Availability", "Four nines", Row{"four_nines", "99.99 %"}, "4.4 minutes down a month"},
}

// Insert returns s with c added as a row after row at (at -1 puts it first, len(Rows) or more
// appends), named c's name or, if a row has that name already, the name with _2, _3…
func (s Sheet) Insert(at int, c Constant) Sheet {
	taken := map[string]bool{}
	for _, r := range s.Rows {
		taken[r.Name] = true
	}
	row := c.Row
	for n := 2; taken[row.Name]; n++ {
		row.Name = c.Row.Name + "_" + strconv.Itoa(n)
	}
	at++
	at = max(0, min(at, len(s.Rows)))
	s.Rows = append(s.Rows[:at:at], append([]Row{row}, s.Rows[at:]...)...)
	return s
}
