/**
 * Maps grouped on the server: a point layer is answered as square cells of about 40 pixels at the
 * map's zoom (a 256-pixel tile spans 360 / 2^zoom degrees), so an answer grows with the cells on
 * screen and not with the rows behind them.
 */

import { withSettings, type Db } from './db.js';

/** The side of a map cell at a zoom, in degrees. */
export const mapCellSize = (zoom: number) => 360 / 2 ** zoom / 6;

/**
 * The SQL key of the cell holding (lat, lng) for a cell side given as a parameter: one number (row
 * and column), which the planner groups in a hash table rather than by sorting the rows.
 */
export const cellKeySql = (lat: string, lng: string, side: string) => `floor(${lat} / ${side})::int8 * 4294967296 + floor(${lng} / ${side})::int8`;

/**
 * A map's grouping in a transaction with room to sort in memory. At national scale a map groups the
 * rows of 50,000 schools, and with PostgreSQL's default work_mem (4 MB) the planner, expecting a
 * third of them, sorted them on disk (an external merge of 5.8 MB): 75 ms where a tenth of the data
 * took 7 ms. SET LOCAL holds for this transaction only.
 */
export const withMapMemory = <T>(db: Db, run: (t: Db) => Promise<T>): Promise<T> => withSettings(db, { work_mem: '32MB' }, run);
