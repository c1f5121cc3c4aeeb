// SPDX-License-Identifier: Apache-2.0
/**
 * Models, tasks and criterions, and {@link org.leapseq.models.BuiltIns}: the single place where every component
 * Leapseq ships is registered under its fairseq name.
 */
package org.leapseq.models;
